// What a webview's DOM must never hold after rendering model output. Runs in the page (passed to
// page.evaluate, so it is self-contained: no imports, no outside names).

// The few DOM members used here (the test project compiles without the DOM library).
interface AuditElement {
  readonly tagName: string;
  readonly parentElement: { readonly classList: { contains(name: string): boolean } } | null;
  readonly attributes: ArrayLike<{ readonly name: string; readonly value: string }>;
  getAttribute(name: string): string | null;
  getElementsByTagName(tag: string): { readonly length: number };
}
declare const document: {
  readonly scripts: { readonly length: number };
  getElementById(id: string): AuditElement | null;
  getElementsByTagName(tag: string): { readonly length: number };
  querySelectorAll(selector: string): ArrayLike<AuditElement>;
};

/** Every problem found: script-capable elements, event-handler attributes, script-bearing URLs. */
export function auditDom(): string[] {
  const problems: string[] = [];
  const app = document.getElementById('app');
  if (app === null) return ['#app is missing'];
  // The harness page has exactly two scripts (the fake API and the bundle) and two stylesheets.
  if (document.scripts.length !== 2) problems.push(`${document.scripts.length} <script> elements in the document`);
  if (document.querySelectorAll('link').length !== 2) problems.push('a <link> element was added');
  for (const tag of ['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal']) {
    if (document.getElementsByTagName(tag).length > 0) problems.push(`<${tag}> in the document`);
  }
  for (const meta of Array.from(document.querySelectorAll('meta[http-equiv]'))) {
    if (meta.getAttribute('http-equiv')?.toLowerCase() !== 'content-security-policy') problems.push(`<meta http-equiv="${meta.getAttribute('http-equiv')}">`);
  }
  // Inside the view: none of these may come from model output (the view's own form uses inputs, not these).
  for (const tag of ['script', 'style', 'link', 'meta', 'form', 'svg', 'template', 'noscript', 'video', 'audio', 'source', 'marquee', 'isindex']) {
    const found = app.getElementsByTagName(tag).length;
    if (found > 0) problems.push(`${found} <${tag}> inside #app`);
  }
  // Math is rendered on purpose (KaTeX, MathML only, inside its `span.katex`) and holds presentation elements only.
  const presentation = new Set(['math', 'mrow', 'mi', 'mn', 'mo', 'ms', 'mtext', 'mspace', 'msub', 'msup', 'msubsup', 'mfrac', 'msqrt', 'mroot',
    'mstyle', 'mpadded', 'mphantom', 'menclose', 'mover', 'munder', 'munderover', 'mtable', 'mtr', 'mtd', 'mmultiscripts', 'mprescripts']);
  for (const math of Array.from(document.querySelectorAll('#app math'))) {
    if (math.parentElement?.classList.contains('katex') !== true) problems.push('<math> not rendered by KaTeX');
  }
  for (const element of Array.from(document.querySelectorAll('#app math, #app math *'))) {
    const tag = element.tagName.toLowerCase();
    if (!presentation.has(tag)) problems.push(`<${tag}> inside <math>`);
  }
  const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'background', 'poster', 'srcset', 'ping', 'codebase', 'cite']);
  const safeData = /^data:image\/(png|gif|jpeg|webp);/;
  for (const element of Array.from(document.querySelectorAll('*'))) {
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      const where = `<${element.tagName.toLowerCase()} ${name}="${attribute.value.slice(0, 60)}">`;
      if (name.startsWith('on')) problems.push(`event handler ${where}`);
      if (name === 'srcdoc') problems.push(`srcdoc ${where}`);
      if (name === 'style' && /expression\s*\(|javascript:|@import/i.test(attribute.value)) problems.push(`style ${where}`);
      if (urlAttributes.has(name)) {
        // As a browser reads a URL: control characters and whitespace dropped, scheme case-insensitive.
        const url = Array.from(attribute.value).filter((c) => c.charCodeAt(0) > 0x20).join('').toLowerCase();
        if (url.startsWith('javascript:') || url.startsWith('vbscript:') || (url.startsWith('data:') && !safeData.test(url))) problems.push(`script URL ${where}`);
      }
    }
  }
  return problems;
}
