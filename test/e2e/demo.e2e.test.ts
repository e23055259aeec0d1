// The demo in the real workbench (packaged VSIX in code-server, the fakes answering by intent): every vote
// strategy reaches a real winner, Compare's four columns fit a 700 px editor by scrolling sideways with
// their headers in view, the Providers table fits, and the walkthrough is listed and opens.
import assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { choose, panel, queueForModel } from './panelSteps';
import { activeWebview, invokeCommand, runCommand, screenshot, useWorkbench } from './workbench';

const VOTERS = ['compat:fake/llama3.2:latest', 'compat:fake/qwen2.5-coder:7b', 'compat:fake/phi3:mini'];
const COLUMNS = [...VOTERS, 'compat:fake/mistral:7b'];
const QUESTION = 'Is 7 a prime number? Answer yes or no.';

// Page globals used inside evaluate (the test project compiles without the DOM library).
interface Box { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number }
interface Scroller { scrollLeft: number; scrollTop: number; readonly scrollWidth: number; readonly clientWidth: number; readonly scrollHeight: number; readonly clientHeight: number; getBoundingClientRect(): Box }
declare const document: { readonly documentElement: Scroller };

/** What only a finished vote of each strategy shows (the previous strategy's result is still on screen). */
const FINISHED: Record<'confidence' | 'judge' | 'cascade', string> = {
  confidence: '#vote-result:has-text("Total confidence")',
  judge: '#vote-judge',
  cascade: '#vote-result[data-cascade]',
};

/** Runs a vote with `strategy` and returns the winner's text, once the result is in. */
async function vote(view: FrameLocator, strategy: 'confidence' | 'judge' | 'cascade', setup: () => Promise<void> = async () => {}): Promise<string> {
  await view.locator('#vote-strategy').selectOption(strategy);
  await setup();
  await view.locator('#vote-prompt').fill(`${QUESTION} (${strategy})`);
  await view.locator('#vote-run').click();
  await view.locator(FINISHED[strategy]).waitFor({ timeout: 60_000 });
  await view.locator('#vote-progress').waitFor({ state: 'detached', timeout: 60_000 });
  const results = await view.locator('#vote-results').innerText();
  assert.doesNotMatch(results, /no valid verdict|not a JSON object/iu, results);
  assert.equal(await view.locator('#vote-members [data-status="invalid"]').count(), 0, results);
  return (await view.locator('#vote-winner').innerText()).trim();
}

/** Makes the editor area `width` px wide (sidebar closed), as measured on the webview on screen. */
async function editorWidth(page: Page, width: number, height: number): Promise<void> {
  let viewport = width + 60;
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.setViewportSize({ width: viewport, height });
    const box = await page.locator('iframe.webview.ready:visible').boundingBox();
    const actual = Math.round(box?.width ?? width);
    if (Math.abs(actual - width) <= 4) return;
    viewport += width - actual;
  }
}

describe('Demo: votes, layout and walkthrough (packaged VSIX in code-server)', function () {
  const workbench = useWorkbench();

  before(async function () {
    await runCommand(workbench().page, 'View: Close Primary Side Bar');
  });

  it('votes with the confidence, judge and cascade strategies to a real winner on the demo fakes', async function () {
    const { page } = workbench();
    const view = await panel(page, 'Quorum: Ensemble Vote');
    await choose(view, 'vote', VOTERS);
    assert.match(await vote(view, 'confidence'), /^Yes\.?$/u);
    const confidences = await view.locator('#vote-members').innerText();
    assert.equal((confidences.match(/Confidence\s+(5[5-9]|6[0-2])%/gu) ?? []).length, 3, `each small model is 55–62 % sure: ${confidences}`);
    await screenshot(page, 'demo-vote-confidence');

    // One voter dissents, so the judge has two answers to choose from.
    assert.match(await vote(view, 'judge', () => queueForModel(VOTERS[2] ?? '', { answer: 'No.' })), /^Yes\.?$/u);
    assert.match(await view.locator('#vote-judge-rationale').innerText(), /correctly/u);
    await screenshot(page, 'demo-vote-judge');

    // The local models are small and say so (confidence 0.55–0.62): accept from 0.5.
    const winner = await vote(view, 'cascade', () => view.locator('#vote-cascade-threshold').fill('0.5'));
    assert.match(winner, /^Yes\.?$/u);
    assert.equal(await view.locator('#vote-result').getAttribute('data-cascade'), 'accepted');
    await screenshot(page, 'demo-vote-cascade');
  });

  it('compares four models at 700 px: the columns scroll sideways, the last one fits, the headers stay in view', async function () {
    const { page } = workbench();
    const view = await panel(page, 'Quorum: Compare Models Side by Side');
    await choose(view, 'compare', COLUMNS);
    await view.locator('#compare-prompt').fill('Explain what a circuit breaker does in a web service');
    await view.locator('#compare-run').click();
    const columns = view.locator('#compare-columns .compare-column');
    for (let i = 0; i < 4; i++) {
      await view.locator('#compare-columns [data-role="status"]').nth(i).filter({ hasText: /^Done$/u }).waitFor({ timeout: 60_000 });
    }
    await page.setViewportSize({ width: 1400, height: 900 });
    await columns.nth(3).scrollIntoViewIfNeeded();
    await screenshot(page, 'demo-compare-1400');

    await editorWidth(page, 700, 600);
    const grid = view.locator('#compare-columns');
    const sizes = await grid.evaluate((node) => {
      const g = node as unknown as Scroller;
      return { scrollWidth: g.scrollWidth, clientWidth: g.clientWidth, scrollHeight: g.scrollHeight, clientHeight: g.clientHeight };
    });
    assert.ok(sizes.scrollWidth > sizes.clientWidth, `four columns overflow 700 px and scroll: ${JSON.stringify(sizes)}`);
    assert.ok(sizes.scrollHeight > sizes.clientHeight, `long answers scroll inside the grid: ${JSON.stringify(sizes)}`);
    // Scrolled to the far right and the bottom: the 4th column is whole and every visible header is at the top.
    await grid.evaluate((node) => {
      const g = node as unknown as Scroller;
      g.scrollLeft = g.scrollWidth;
      g.scrollTop = g.scrollHeight;
    });
    await grid.focus();
    const gridBox = await grid.evaluate((node) => (node as unknown as Scroller).getBoundingClientRect());
    const last = await columns.nth(3).evaluate((node) => (node as unknown as Scroller).getBoundingClientRect());
    assert.ok(last.right <= gridBox.right + 1 && last.left >= gridBox.left - 1, `the 4th column is not cut off: ${JSON.stringify({ last, gridBox })}`);
    const header = await columns.nth(3).locator('.column-header').evaluate((node) => (node as unknown as Scroller).getBoundingClientRect());
    assert.ok(Math.abs(header.top - gridBox.top) <= 2, `the header sticks to the top: ${JSON.stringify({ header, gridBox })}`);
    assert.match(await columns.nth(3).locator('.column-header').innerText(), /mistral:7b/u);
    await screenshot(page, 'demo-compare-700');
  });

  it('fits the Providers table in a 700 px editor', async function () {
    const { page } = workbench();
    await page.setViewportSize({ width: 1400, height: 900 });
    await runCommand(page, 'Quorum: Show Providers');
    const view = activeWebview(page);
    await view.locator('#providers-table tbody tr').first().waitFor();
    await editorWidth(page, 700, 900);
    const fit = await view.locator('#providers-table').evaluate((node) => {
      const root = document.documentElement;
      return { table: (node as unknown as Scroller).getBoundingClientRect().right, page: root.clientWidth, scrollWidth: root.scrollWidth };
    });
    assert.ok(fit.table <= fit.page && fit.scrollWidth <= fit.page, `no sideways overflow: ${JSON.stringify(fit)}`);
    await screenshot(page, 'demo-providers-700');
    await page.setViewportSize({ width: 1400, height: 900 });
    await screenshot(page, 'demo-providers-1400');
  });

  it('lists the walkthrough and opens it', async function () {
    const { page } = workbench();
    await invokeCommand(page, 'Welcome: Open Walkthrough...');
    await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'Get started with Quorum' }).first().click();
    const steps = page.locator('.gettingStartedContainer .getting-started-step');
    await steps.first().waitFor({ timeout: 30_000 });
    const titles = await page.locator('.gettingStartedContainer .getting-started-step .step-title').allInnerTexts();
    assert.deepEqual(titles.map((t) => t.trim()), [
      'Use the demo, or set a key', 'Ask the best model', 'Follow up', 'Compare models side by side', 'Let the models vote', 'Fix code', 'See what you spent',
    ]);
    // The selected step's page (media/walkthrough/setup.md) renders in a webview beside the steps.
    const deadline = Date.now() + 30_000;
    let rendered = false;
    while (!rendered && Date.now() < deadline) {
      for (const frame of page.frames()) {
        const text = await frame.locator('body').innerText({ timeout: 1_000 }).catch(() => '');
        if (text.includes('Keys live in VS Code')) rendered = true;
      }
      if (!rendered) await page.waitForTimeout(250);
    }
    assert.ok(rendered, 'the first step shows its page');
    await screenshot(page, 'demo-walkthrough');
  });
});
