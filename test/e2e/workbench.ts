// Typed Playwright helpers for driving the real VS Code workbench (code-server) in headless Debian
// Chromium. test/harness/runE2E.mjs starts code-server with the packaged extension installed and
// passes its URL in QUORUM_E2E_WORKBENCH_URL.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type FrameLocator, type Locator, type Page } from 'playwright-core';

const resultsDir = path.resolve(__dirname, '..', '..', '..', 'test-results');
const stepTimeoutMs = 60_000;

export interface Workbench {
  readonly page: Page;
  close(): Promise<void>;
}

/** Opens the workbench in a fresh browser profile and waits until its layout is there. */
export async function openWorkbench(): Promise<Workbench> {
  const url = process.env.QUORUM_E2E_WORKBENCH_URL;
  if (!url) throw new Error('QUORUM_E2E_WORKBENCH_URL is not set: run the e2e tier with `npm run test:e2e`');
  // The harness points TMPDIR into .vscode-test, so profiles never land in the real /tmp.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
  const context = await launchChromium(profile);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => console.log(`[pageerror] ${String(error).slice(0, 400)}`));
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: stepTimeoutMs });
  await page.locator('.monaco-workbench').waitFor({ timeout: stepTimeoutMs });
  return {
    page,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

function launchChromium(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    // Chromium writes ~/.config/chromium/Crash Reports and ~/.cache/dconf unless told otherwise.
    env: { ...process.env, XDG_CONFIG_HOME: path.join(profile, 'xdg-config'), XDG_CACHE_HOME: path.join(profile, 'xdg-cache') },
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Runs a command from the F1 palette by its full title, e.g. "Quorum: Show Providers". */
export async function runCommand(page: Page, title: string): Promise<void> {
  await invokeCommand(page, title);
  await page.locator('.quick-input-widget input').waitFor({ state: 'hidden', timeout: stepTimeoutMs });
}

/**
 * Picks a command from the palette without waiting for the palette to close — for commands that open
 * their own input at once (which reuses the same quick-input widget).
 */
export async function invokeCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  // Click the row with exactly this label: Enter would run whichever row happens to be first.
  const row = page.locator('.quick-input-widget .monaco-list-row .label-name').getByText(title, { exact: true }).first();
  const deadline = Date.now() + stepTimeoutMs;
  // A palette opened before the extension's contributions are registered can miss them for good
  // (seen once in a few runs), so reopen it until the command shows up.
  for (;;) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: stepTimeoutMs });
    await input.fill(`>${title}`);
    try {
      await row.click({ timeout: 5_000 });
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * The document of the webview on screen: VS Code overlays each webview as an outer
 * `iframe.webview` (its host page) holding an inner `#active-frame` with the extension's HTML;
 * the webviews of background tabs stay in the DOM, hidden.
 */
export function activeWebview(page: Page): FrameLocator {
  return page.locator('iframe.webview.ready:visible').contentFrame().frameLocator('#active-frame');
}

/** The tab titled `title` (a substring, or a pattern for an exact match) in any editor group. */
export function editorTab(page: Page, title: string | RegExp): Locator {
  return page.locator('.tabs-container .tab').filter({ hasText: title });
}

/** Waits until the element's text (trimmed) equals `expected`; the error names what it saw last. */
export async function waitForText(locator: Locator, expected: string, timeoutMs = stepTimeoutMs): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = '(element not found)';
  while (Date.now() < deadline) {
    const text = await locator.textContent({ timeout: 1_000 }).catch(() => null);
    if (text !== null) seen = text.trim();
    if (seen === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`expected ${locator} to read "${expected}", last saw "${seen}"`);
}

/** Saves a screenshot of the window as test-results/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Mocha hooks for a spec file: one workbench for all its tests, a screenshot of every failure in
 * `test-results/`, closed at the end. Returns the running workbench.
 */
/**
 * Puts the user and machine settings back as the harness wrote them (QUORUM_E2E_KNOWN_SETTINGS), so every
 * spec starts from the same state whatever ran before it; rewrites only a file that changed.
 */
export function restoreKnownSettings(): void {
  const known = JSON.parse(process.env.QUORUM_E2E_KNOWN_SETTINGS ?? '[]') as { file: string; content: string }[];
  for (const { file, content } of known) {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) continue;
    // Atomically: a watcher must never read a half-written settings file.
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, content);
    fs.renameSync(temporary, file);
  }
}

export function useWorkbench(): () => Workbench {
  let workbench: Workbench | undefined;
  before(async function () {
    restoreKnownSettings();
    // A spec starts with no scripted answer or fault left over from another (one queued "times: 5" and used once
    // would answer the next spec's questions).
    await clearFakeScenarios();
    workbench = await openWorkbench();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      const name = `failure-${this.currentTest.title.replace(/\W+/g, '-')}`;
      console.log(`    screenshot: ${await screenshot(workbench.page, name)}`);
    }
  });
  after(async function () {
    await workbench?.close();
    await clearFakeScenarios();
  });
  return () => {
    if (workbench === undefined) throw new Error('the workbench is not open yet');
    return workbench;
  };
}

/** The fake providers' control API (`/__fake/…`), as the e2e tier started them. */
export function fakesUrl(): string {
  const url = process.env.QUORUM_TEST_FAKES_URL;
  if (!url) throw new Error('QUORUM_TEST_FAKES_URL is not set: run the e2e tier with `npm run test:e2e`');
  return url;
}

/** The folder the workbench has open (the workspace the specs write their files into). */
export function workspaceFolder(): string {
  const folder = new URL(process.env.QUORUM_E2E_WORKBENCH_URL ?? '').searchParams.get('folder');
  if (folder === null) throw new Error('the workbench URL names no folder');
  return folder;
}

/** Drops every scenario queued at the fake providers (their control API), when the tier runs them. */
async function clearFakeScenarios(): Promise<void> {
  if (!process.env.QUORUM_TEST_FAKES_URL) return;
  const response = await fetch(`${fakesUrl()}/__fake/scenarios`, { method: 'DELETE' });
  if (!response.ok) throw new Error(`the fakes refused to clear their scenarios: HTTP ${response.status}`);
}
