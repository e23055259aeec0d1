import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import { highlightCode } from './codeHighlight';
import { mathPlugin } from './mathMarkdown';

// Model output is untrusted: markdown-it never passes raw HTML through, and DOMPurify removes anything
// dangerous the markdown could still produce (e.g. javascript: links) before it reaches the DOM.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: false, highlight: highlightCode }).use(mathPlugin);

/** Images the view may show: inline data only. Anything else would be fetched from a remote host (a beacon). */
const INLINE_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);/i;

// Defence in depth behind the CSP's img-src: a remote image in model output loses its source (only its alt text
// shows), so a tracking pixel cannot load even if the CSP ever loosens.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName !== 'IMG') return;
  const element = node as Element;
  const src = element.getAttribute('src') ?? '';
  element.removeAttribute('srcset');
  if (INLINE_IMAGE.test(src)) return;
  element.removeAttribute('src');
  element.setAttribute('title', 'Remote image not loaded');
});

/**
 * Replaces `target`'s content with `text` rendered as sanitised markdown. The only HTML insertion in
 * the webviews, and it only ever receives DOMPurify's output.
 */
export function renderMarkdownInto(target: HTMLElement, text: string): void {
  // MathML for KaTeX's output (mathMarkdown.ts); DOMPurify checks its namespaces and attributes like any HTML.
  // No `style` attribute survives: nothing we render needs one, and the CSP would refuse it anyway.
  const html = DOMPurify.sanitize(markdown.render(text), {
    USE_PROFILES: { html: true, mathMl: true }, FORBID_TAGS: ['style', 'form', 'input'], FORBID_ATTR: ['style'],
  });
  target.innerHTML = html;
}
