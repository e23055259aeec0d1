// Model output that tries to run script in a webview. Each vector, if it ever ran, would set
// `window.__pwned` to its own number (or open a dialog, or navigate), so a failure names its vector.

export interface XssVector {
  readonly id: number;
  readonly name: string;
  readonly payload: string;
}

const run = (id: number) => `window.__pwned=${id}`;
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const VECTORS: readonly [string, (id: number) => string][] = [
  ['<script> element', (n) => `<script>${run(n)}</script>`],
  ['mixed-case <ScRiPt>', (n) => `<ScRiPt>${run(n)}</sCrIpT>`],
  ['<img onerror>', (n) => `<img src=x onerror="${run(n)}">`],
  ['<img onerror> calling alert()', (n) => `<img src="x" onerror="alert(${n})">`],
  ['<svg onload>', (n) => `<svg onload="${run(n)}"></svg>`],
  ['<svg><script>', (n) => `<svg><script>${run(n)}</script></svg>`],
  ['<svg><animate onbegin>', (n) => `<svg><animate onbegin="${run(n)}" attributeName="x" dur="1s"></animate></svg>`],
  ['<svg><a xlink:href=javascript:>', (n) => `<svg><a xlink:href="javascript:${run(n)}"><text x="20" y="20">tap</text></a></svg>`],
  ['<svg><style> namespace confusion', (n) => `<svg><style><img src=x onerror="${run(n)}"></style></svg>`],
  ['MathML mglyph/style mXSS', (n) => `<math><mtext><table><mglyph><style><img src=x onerror="${run(n)}">`],
  ['MathML href', (n) => `<math href="javascript:${run(n)}"><mi>x</mi></math>`],
  ['markdown link to javascript:', (n) => `[click me](javascript:${run(n)})`],
  ['markdown link, mixed-case scheme', (n) => `[click](JaVaScRiPt:${run(n)})`],
  ['markdown link, padded with a title', (n) => `[x](  javascript:${run(n)}  "title")`],
  ['markdown link, entity-encoded scheme', (n) => `[e](&#106;avascript:${run(n)})`],
  ['markdown link to vbscript:', () => '[vb](vbscript:msgbox(1))'],
  ['markdown link to data:text/html', (n) => `[data](data:text/html;base64,${base64(`<script>${run(n)}</script>`)})`],
  ['markdown image with javascript:', (n) => `![img](javascript:${run(n)})`],
  ['markdown image with data:image/svg+xml', (n) => `![svg](data:image/svg+xml;base64,${base64(`<svg xmlns="http://www.w3.org/2000/svg" onload="${run(n)}"/>`)})`],
  ['autolink <javascript:…>', (n) => `<javascript:${run(n)}>`],
  ['reference-style link to javascript:', (n) => `See [the docs][x].\n\n[x]: javascript:${run(n)}`],
  ['HTML <a href=javascript:>', (n) => `<a href="javascript:${run(n)}">html link</a>`],
  ['HTML <a href> with a tab inside the scheme', (n) => `<a href="jav&#x09;ascript:${run(n)}">tab-split</a>`],
  ['HTML <a href> with a fully entity-encoded scheme', (n) => `<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058${run(n)}">enc</a>`],
  ['HTML <a href=data:text/html>', (n) => `<a href="data:text/html,<script>${run(n)}</script>">data link</a>`],
  ['<iframe srcdoc>', (n) => `<iframe srcdoc="<script>parent.__pwned=${n}</script>"></iframe>`],
  ['<object data=javascript:>', (n) => `<object data="javascript:${run(n)}"></object>`],
  ['<embed src=javascript:>', (n) => `<embed src="javascript:${run(n)}">`],
  ['<form action=javascript:>', (n) => `<form action="javascript:${run(n)}"><button>go</button></form>`],
  ['<details open ontoggle>', (n) => `<details open ontoggle="${run(n)}"><summary>x</summary></details>`],
  ['<video><source onerror>', (n) => `<video><source onerror="${run(n)}"></video>`],
  ['<body onload>', (n) => `<body onload="${run(n)}">`],
  ['<input autofocus onfocus>', (n) => `<input autofocus onfocus="${run(n)}">`],
  ['<marquee onstart>', (n) => `<marquee onstart="${run(n)}">x</marquee>`],
  ['<style>@import', () => `<style>@import 'https://evil.test/x.css';</style>`],
  ['CSS expression() and url(javascript:)', (n) => `<div style="width: expression(${run(n)}); background: url('javascript:${run(n)}')">css</div>`],
  ['<meta http-equiv=refresh>', (n) => `<meta http-equiv="refresh" content="0;url=javascript:${run(n)}">`],
  ['<base href> then a relative link', (n) => `<base href="javascript:${run(n)}//">\n\n[relative](page.html)`],
  ['<link rel=import>', (n) => `<link rel="import" href="data:text/html,<script>${run(n)}</script>">`],
  ['template injection', (n) => `{{constructor.constructor('${run(n)}')()}} \${${run(n)}} <template><script>${run(n)}</script></template>`],
  ['nested and malformed tags', (n) => `<<script>script>${run(n)}<</script>/script> <img src="x" <img src=x onerror="${run(n)}">`],
  ['<noscript> title mXSS', (n) => `<noscript><p title="</noscript><img src=x onerror=${run(n)}>">`],
  ['comment confusion', (n) => `<!--<img src="--><img src=x onerror=${run(n)}>-->`],
  ['entity-encoded tags', (n) => `&lt;img src=x onerror=${run(n)}&gt; &#60;script&#62;${run(n)}&#60;/script&#62;`],
  ['null bytes inside tag and scheme', (n) => `<scr\u0000ipt>${run(n)}</scr\u0000ipt> [nb](java\u0000script:${run(n)})`],
  ['payload in a table cell', (n) => `| a |\n| --- |\n| <img src=x onerror=${run(n)}> |`],
  ['payload in a fenced block info string', (n) => `\`\`\`"><img src=x onerror=${run(n)}>\nx\n\`\`\``],
  // Math goes through KaTeX (MathML) before the sanitiser: its trust-gated commands and raw HTML inside TeX.
  ['KaTeX \\href to javascript:', (n) => `$\\href{javascript:${run(n)}}{x}$ and $$\\url{javascript:${run(n)}}$$`],
  ['KaTeX \\htmlData / \\htmlClass / \\includegraphics', (n) => `\\(\\htmlData{onerror=${run(n)}}{x}\\) \\[\\htmlClass{x" onmouseover="${run(n)}}{y}\\] $\\includegraphics{javascript:${run(n)}}$`],
  ['HTML inside TeX', (n) => `$\\text{<img src=x onerror=${run(n)}>}$ and $$</math><img src=x onerror=${run(n)}>$$`],
  ['MathML escape from KaTeX output', (n) => `$x</annotation></semantics></math><script>${run(n)}</script>$`],
];

export const XSS_CORPUS: readonly XssVector[] = VECTORS.map(([name, payload], index) => ({ id: index + 1, name, payload: payload(index + 1) }));
