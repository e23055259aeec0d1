/**
 * The page every Quorum webview loads: its built assets, its Content Security Policy (DESIGN.md §4) and
 * the HTML shell. No `vscode` here, so the policy is unit-tested and the webview test harness serves the
 * very same one.
 */
import { randomBytes } from 'node:crypto';

/** The Quorum webviews; each has its own bundle, `dist/webview/<view>.js`. */
export type WebviewKind = 'providers' | 'answer' | 'panel' | 'conversation';

/**
 * The folder of built webview assets, relative to the extension root: the only place a webview may load
 * from (`localResourceRoots`), so it can never read the extension's own bundles or sources.
 */
export const WEBVIEW_ASSET_DIR: readonly string[] = ['dist', 'webview'];

/** Path segments (relative to the extension root) of one view's script and the shared stylesheet. */
export function webviewAssets(view: WebviewKind): { readonly script: readonly string[]; readonly style: readonly string[] } {
  return { script: [...WEBVIEW_ASSET_DIR, `${view}.js`], style: [...WEBVIEW_ASSET_DIR, 'webview.css'] };
}

/** A fresh script nonce for one page load: 144 bits from the OS's CSPRNG, base64. */
export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * Nothing is allowed unless named: only the script carrying `nonce` runs (no inline handlers, no eval);
 * styles, images and fonts come from the webview's own resource origin (`cspSource`); no network at all.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    "connect-src 'none'",
  ].join('; ');
}

export interface WebviewPageParts {
  readonly view: WebviewKind;
  readonly title: string;
  /** The webview's resource origin (`webview.cspSource`). */
  readonly cspSource: string;
  readonly nonce: string;
  /** Webview URIs of the view's bundle and of the shared stylesheet. */
  readonly scriptUri: string;
  readonly styleUri: string;
}

/**
 * The page shell: strict CSP, no inline script, one bundled script (the view's own) and the shared
 * stylesheet; `data-view` names the view for styles and tests.
 */
export function renderWebviewPage(parts: WebviewPageParts): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(parts.cspSource, parts.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(parts.styleUri)}">
<title>${escapeHtml(parts.title)}</title>
</head>
<body data-view="${escapeHtml(parts.view)}">
<main id="app" aria-live="polite"></main>
<script nonce="${escapeHtml(parts.nonce)}" src="${escapeHtml(parts.scriptUri)}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
