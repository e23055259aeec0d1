// A harness page for the webview bundles in headless Chromium, without VS Code: the view's built bundle
// (dist/webview/<view>.js) and stylesheet under the same strict CSP as src/vscode/webview/webviewPage.ts, a
// stand-in theme, and a fake `acquireVsCodeApi` that records every posted message and keeps `setState`
// in sessionStorage (so it survives a reload, as VS Code's does). Pages are served by Playwright routes
// on a fake origin; every other request is refused and recorded.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { contentSecurityPolicy, createNonce, webviewAssets, type WebviewKind } from '../../src/vscode/webview/webviewPage';

// The page's globals as these helpers use them inside page.evaluate (the test project compiles without
// the DOM library, and a lib reference would bring it to src/core too).
declare const window: { postMessage(data: unknown, targetOrigin: string): void; __posted?: PostedMessage[]; __cspViolations?: string[] };
declare const sessionStorage: { getItem(key: string): string | null };
declare function requestAnimationFrame(callback: () => void): number;

export const HARNESS_ORIGIN = 'https://quorum-webview.harness';
const PAGE_URL = `${HARNESS_ORIGIN}/index.html`;

/** The repo holding dist/: the compiled file sits in out/test/webview, or the tests run from the repo. */
export function repoRoot(): string {
  const candidates = [path.resolve(__dirname, '..', '..', '..'), process.cwd()];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'esbuild.mjs')) && fs.existsSync(path.join(dir, 'dist')));
  if (found === undefined) throw new Error(`dist/ not found (looked in ${candidates.join(', ')}): run \`node esbuild.mjs\` first`);
  return found;
}

/** `test-results/<name>.png` in the repo (created when missing). */
export function resultPath(name: string): string {
  const dir = path.join(repoRoot(), 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

/** Stands in for the `acquireVsCodeApi` VS Code injects; runs before the bundle. */
const FAKE_VSCODE_API = `(() => {
  const key = 'quorum-harness-state';
  const posted = [];
  window.__posted = posted;
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may only be called once');
    acquired = true;
    return Object.freeze({
      postMessage(message) {
        const app = document.getElementById('app');
        // What was on screen when the message left: proves a restore painted before 'webview/ready'.
        posted.push({ message: JSON.parse(JSON.stringify(message)), appTextLength: app ? app.textContent.length : 0 });
      },
      getState() {
        const saved = sessionStorage.getItem(key);
        return saved === null ? undefined : JSON.parse(saved);
      },
      setState(state) {
        sessionStorage.setItem(key, JSON.stringify(state));
        return state;
      },
    });
  };
})();`;

export interface HarnessPageOptions {
  /** The view whose bundle (`dist/webview/<view>.js`) the page loads. */
  readonly view: WebviewKind;
  /** The shipped CSP (default), or none — to test the sanitiser on its own. */
  readonly csp?: boolean;
}

/** The page shell: the same structure as webviewPage.ts, plus the fake API (nonce'd) and the stand-in theme. */
export function harnessHtml(options: HarnessPageOptions, nonce: string): string {
  const csp = options.csp === false ? '' : `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(HARNESS_ORIGIN, nonce)}">\n`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
${csp}<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${HARNESS_ORIGIN}/harness-theme.css">
<link rel="stylesheet" href="${HARNESS_ORIGIN}/${webviewAssets(options.view).style.join('/')}">
<title>Quorum webview harness</title>
</head>
<body data-view="${options.view}">
<main id="app" aria-live="polite"></main>
<script nonce="${nonce}">${FAKE_VSCODE_API}</script>
<script nonce="${nonce}" src="${HARNESS_ORIGIN}/${webviewAssets(options.view).script.join('/')}"></script>
</body>
</html>`;
}

/** A dark theme's worth of the `--vscode-*` variables VS Code sets on a webview's root. */
export const HARNESS_THEME = `:root {
  --vscode-font-family: system-ui, -apple-system, "Segoe UI", Ubuntu, sans-serif; --vscode-font-size: 13px;
  --vscode-editor-font-family: "DejaVu Sans Mono", Consolas, monospace; --vscode-editor-font-size: 13px;
  --vscode-foreground: #cccccc; --vscode-descriptionForeground: #9d9d9d; --vscode-errorForeground: #f85149;
  --vscode-editor-background: #1f1f1f; --vscode-editor-foreground: #cccccc; --vscode-editorWidget-background: #202020;
  --vscode-widget-border: #313131; --vscode-panel-border: #2b2b2b; --vscode-focusBorder: #0078d4;
  --vscode-button-background: #0078d4; --vscode-button-foreground: #ffffff; --vscode-button-hoverBackground: #026ec1;
  --vscode-button-secondaryBackground: #313131; --vscode-button-secondaryForeground: #cccccc; --vscode-button-secondaryHoverBackground: #3c3c3c;
  --vscode-button-border: #ffffff12; --vscode-badge-background: #616161; --vscode-badge-foreground: #f8f8f8;
  --vscode-input-background: #313131; --vscode-input-foreground: #cccccc; --vscode-input-border: #3c3c3c; --vscode-input-placeholderForeground: #989898;
  --vscode-dropdown-background: #313131; --vscode-dropdown-foreground: #cccccc; --vscode-dropdown-border: #3c3c3c;
  --vscode-checkbox-background: #313131; --vscode-textLink-foreground: #4daafc; --vscode-textLink-activeForeground: #4daafc;
  --vscode-textCodeBlock-background: #2b2b2b; --vscode-textPreformat-foreground: #d0d0d0; --vscode-textPreformat-background: #3c3c3c;
  --vscode-textBlockQuote-border: #616161; --vscode-editorWarning-foreground: #cca700; --vscode-editorInfo-foreground: #3794ff;
  --vscode-testing-iconPassed: #73c991; --vscode-charts-green: #89d185; --vscode-charts-blue: #3794ff; --vscode-charts-orange: #d18616;
  --vscode-editorWidget-border: #454545; --vscode-progressBar-background: #0078d4;
  --vscode-panelTitle-activeBorder: #0078d4; --vscode-toolbar-hoverBackground: #5a5d5e50; --vscode-list-hoverBackground: #2a2d2e;
}
/* VS Code's own default styles for webview content (its webview host page injects them). */
code { color: var(--vscode-textPreformat-foreground); background-color: var(--vscode-textPreformat-background); padding: 1px 3px; border-radius: 4px; }`;

export interface PostedMessage {
  readonly message: { readonly type: string; readonly [key: string]: unknown };
  /** Characters of text in #app when the message was posted. */
  readonly appTextLength: number;
}

/** What the page did that a webview must never do, gathered for the XSS checks. */
export interface HarnessEvents {
  readonly dialogs: string[];
  /** Main-frame navigations after the harness page itself loaded. */
  readonly navigations: string[];
  /** Frames attached to the page (a webview's answers never create one). */
  readonly frames: string[];
  /** Requests other than the harness page and its assets. */
  readonly requests: { readonly url: string; readonly type: string }[];
  readonly pageErrors: string[];
  readonly console: string[];
}

export interface WebviewHarness {
  readonly page: Page;
  readonly events: HarnessEvents;
  /** Delivers a host message the way VS Code does: a `message` event on the webview's window. */
  send(message: unknown): Promise<void>;
  /** Delivers several host messages from one task, back to back (as a burst of deltas arrives). */
  sendAll(messages: readonly unknown[]): Promise<void>;
  posted(): Promise<PostedMessage[]>;
  clearPosted(): Promise<void>;
  savedState(): Promise<unknown>;
  cspViolations(): Promise<string[]>;
  /** Resolves after `count` animation frames (the view paints streamed text once per frame). */
  frames(count?: number): Promise<void>;
  reload(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions extends HarnessPageOptions {
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Extra Chromium switches (the benchmark's). */
  readonly args?: readonly string[];
}

/** Launches headless Chromium (flags as test/e2e/workbench.ts) on the harness page for `options.view`. */
export async function openWebviewHarness(options: HarnessOptions): Promise<WebviewHarness> {
  const root = repoRoot();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-harness-'));
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    // Chromium writes ~/.config/chromium/Crash Reports and ~/.cache/dconf unless told otherwise.
    env: { ...process.env, XDG_CONFIG_HOME: path.join(profile, 'xdg-config'), XDG_CACHE_HOME: path.join(profile, 'xdg-cache') },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', ...(options.args ?? [])],
  });
  const context: BrowserContext = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 } });
  const events: HarnessEvents = { dialogs: [], navigations: [], frames: [], requests: [], pageErrors: [], console: [] };
  const { script, style } = webviewAssets(options.view);
  const assets: Record<string, () => { body: Buffer | string; contentType: string }> = {
    '/index.html': () => ({ body: harnessHtml(options, createNonce()), contentType: 'text/html; charset=utf-8' }),
    '/harness-theme.css': () => ({ body: HARNESS_THEME, contentType: 'text/css' }),
    [`/${style.join('/')}`]: () => ({ body: fs.readFileSync(path.join(root, ...style)), contentType: 'text/css' }),
    [`/${script.join('/')}`]: () => ({ body: fs.readFileSync(path.join(root, ...script)), contentType: 'text/javascript' }),
  };
  await context.route('**/*', async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const asset = url.origin === HARNESS_ORIGIN ? assets[url.pathname] : undefined;
    if (asset === undefined) {
      events.requests.push({ url: request.url(), type: request.resourceType() });
      return url.origin === HARNESS_ORIGIN ? route.fulfill({ status: 404, body: '' }) : route.abort('blockedbyclient');
    }
    const { body, contentType } = asset();
    return route.fulfill({ status: 200, body, contentType });
  });

  const page = await context.newPage();
  let loaded = false;
  page.on('dialog', (dialog) => {
    events.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && loaded && frame.url() !== PAGE_URL) events.navigations.push(frame.url());
  });
  page.on('frameattached', (frame) => events.frames.push(frame.url()));
  page.on('pageerror', (error) => events.pageErrors.push(String(error)));
  page.on('console', (message) => events.console.push(`${message.type()}: ${message.text()}`));
  page.on('popup', (popup) => events.navigations.push(`popup ${popup.url()}`));

  const waitForApp = () => page.waitForFunction(() => (window.__posted?.length ?? 0) > 0);
  await page.goto(PAGE_URL);
  await waitForApp();
  loaded = true;

  return {
    page,
    events,
    send: (message) => page.evaluate((data) => window.postMessage(data, '*'), message),
    sendAll: (messages) => page.evaluate((list) => { for (const data of list) window.postMessage(data, '*'); }, messages),
    posted: () => page.evaluate(() => window.__posted ?? []),
    clearPosted: () => page.evaluate(() => { if (window.__posted) window.__posted.length = 0; }),
    savedState: () => page.evaluate(() => {
      const saved = sessionStorage.getItem('quorum-harness-state');
      return saved === null ? undefined : (JSON.parse(saved) as unknown);
    }),
    cspViolations: () => page.evaluate(() => window.__cspViolations ?? []),
    frames: (count = 2) => page.evaluate((n) => new Promise<void>((resolve) => {
      let left = n;
      const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
      requestAnimationFrame(tick);
    }), count),
    async reload() {
      loaded = false;
      await page.reload();
      await waitForApp();
      loaded = true;
    },
    async close() {
      await context.close();
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Mocha hooks for a spec file: one harness page for all its tests, a screenshot of every failure in
 * `test-results/`, closed at the end. Returns the open harness.
 */
export function useWebviewHarness(options: HarnessOptions): () => WebviewHarness {
  let harness: WebviewHarness | undefined;
  before(async function () {
    harness = await openWebviewHarness(options);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && harness) {
      const file = resultPath(`failure-${options.view}-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 80)}`);
      await harness.page.screenshot({ path: file });
      console.log(`    screenshot: ${file}`);
    }
  });
  after(async function () {
    await harness?.close();
  });
  return () => {
    if (harness === undefined) throw new Error('the harness page is not open');
    return harness;
  };
}

/**
 * Polls `probe` until it returns a value other than undefined/false: tests wait on state, never on time.
 * The deadline only bounds a failure (generous, for a loaded machine); it never decides a pass.
 */
export async function eventually<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
