// The Evals tab in the real workbench (packaged VSIX in code-server) at 700 px: a suite in the workspace,
// three fake models picked, estimate, run, and the matrix with each case's answers side by side.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import type { EvalsState } from '../../src/shared/evalsProtocol';
import { parsePanelViewMessage } from '../../src/shared/panelProtocol';
import { eventually, resultPath, useWebviewHarness } from '../webview/harness';
import { panelSnapshot } from '../webview/panelFixtures';
import { activeWebview, editorTab, invokeCommand, runCommand, screenshot, useWorkbench, waitForText, workspaceFolder } from './workbench';

const MODELS = ['compat:fake/llama3.2:latest', 'compat:fake/qwen2.5-coder:7b', 'compat:fake/phi3:mini'];

/** Five cases the fakes' scripted answers decide ("Hello from <model>. You asked: …"): phi3 fails two, qwen one. */
const SUITE = `id: e2e-greetings
feature: ask
threshold: 0.8
cases:
  - { id: echo, prompt: "Hello, case one", checks: [{ type: contains, value: "You asked" }] }
  - { id: greeting, prompt: "Hello, case two", checks: [{ type: regex, value: "^Hello from" }] }
  - { id: not-phi, prompt: "Hello, case three", checks: [{ type: not-contains, value: "phi3" }] }
  - { id: not-phi-again, prompt: "Hello, case four", checks: [{ type: not-contains, value: "mini" }] }
  - { id: not-qwen, prompt: "Hello, case five", checks: [{ type: not-contains, value: "qwen" }] }
`;

/** The workspace code-server opened (the `folder` of the workbench URL). */

async function choose(view: FrameLocator, refs: readonly string[]): Promise<void> {
  const boxes = view.locator('#evals-models input[type="checkbox"]');
  // phi3:mini comes from quorum.models (user settings): wait until the settings are read, not for a time.
  for (const ref of refs) await view.locator(`#evals-models input[value="${ref}"]`).waitFor();
  for (let i = 0; i < await boxes.count(); i++) {
    const box = boxes.nth(i);
    const want = refs.includes(await box.getAttribute('value') ?? '');
    if ((await box.isChecked()) !== want) await box.click();
  }
}

/**
 * The run's models and prices as workspace settings, written before the window opens: phi3:mini exists only in
 * `quorum.models`, and a window that opens just after the harness restored the user settings file can miss them.
 */
const WORKSPACE_SETTINGS = {
  'quorum.models': [
    { provider: 'compat:fake', id: 'llama3.2:latest', inputPerMTok: 200, outputPerMTok: 600 },
    { provider: 'compat:fake', id: 'qwen2.5-coder:7b', inputPerMTok: 300, outputPerMTok: 900 },
    { provider: 'compat:fake', id: 'phi3:mini', displayName: 'phi3:mini', inputPerMTok: 100, outputPerMTok: 400 },
  ],
};

describe('Evals tab (packaged VSIX in code-server)', function () {
  const quorumDir = path.join(workspaceFolder(), '.quorum');
  const settingsDir = path.join(workspaceFolder(), '.vscode');
  before(() => {
    fs.mkdirSync(path.join(quorumDir, 'evals'), { recursive: true });
    fs.writeFileSync(path.join(quorumDir, 'evals', 'e2e-greetings.yaml'), SUITE);
    fs.writeFileSync(path.join(quorumDir, 'evals', 'broken.yaml'), 'feature: ask\ncases: []\n');
    fs.mkdirSync(settingsDir, { recursive: true });
    fs.writeFileSync(path.join(settingsDir, 'settings.json'), JSON.stringify(WORKSPACE_SETTINGS));
  });
  after(() => {
    fs.rmSync(quorumDir, { recursive: true, force: true });
    fs.rmSync(settingsDir, { recursive: true, force: true });
  });
  const workbench = useWorkbench();

  it('estimates, runs and shows the matrix with answers side by side, at 700 px', async function () {
    const { page } = workbench();
    await page.setViewportSize({ width: 700, height: 900 });
    // The empty secondary side bar takes a third of a 700 px window; the panel gets the room instead.
    if (await page.locator('.part.auxiliarybar').isVisible()) await runCommand(page, 'View: Hide Secondary Side Bar');
    await invokeCommand(page, 'Quorum: Open Panel');
    await editorTab(page, /^\s*Quorum\s*$/).waitFor();
    const view = activeWebview(page);
    await view.locator('#tab-evals').click();
    await view.locator('#evals-suite-e2e-greetings').waitFor();
    assert.ok(await view.locator('#evals-suite-e2e-greetings').isChecked(), 'the valid suite is picked by default');
    await view.locator('.evals-problem').filter({ hasText: /broken\.yaml:\d+:\d+: cases: needs at least one case/ }).waitFor();
    await choose(view, MODELS);

    // Keyboard: Estimate is reached and pressed without the mouse.
    await view.locator('#evals-estimate').focus();
    await page.keyboard.press('Enter');
    await view.locator('#evals-status').filter({ hasText: /^Estimate: 15 calls, at most/ }).waitFor();
    await screenshot(page, 'evals-estimate-700');

    await view.locator('#evals-run').click();
    const table = view.locator('.evals-matrix');
    await table.waitFor({ timeout: 120_000 });
    const rows = table.locator('tbody tr');
    assert.equal(await rows.count(), 3);
    const texts = await rows.allInnerTexts();
    assert.match(texts.find((t) => /llama/.test(t)) ?? '', /✓[\s\S]*100 % \(5\/5\)/);
    assert.match(texts.find((t) => /qwen/.test(t)) ?? '', /✓[\s\S]*80 % \(4\/5\)/);
    assert.match(texts.find((t) => /phi3/.test(t)) ?? '', /✗[\s\S]*60 % \(3\/5\)/);
    await view.locator('#evals-route-e2e-greetings').waitFor();
    await view.locator('#tab-spend').waitFor({ state: 'visible' });
    assert.ok(await view.locator('#tab-spend').isVisible(), 'all four tabs reachable at 700 px');
    await table.scrollIntoViewIfNeeded();
    await screenshot(page, 'evals-matrix-700');

    await view.locator('.evals-cases summary').first().click();
    const failure = view.locator('.evals-answer.evals-fail .evals-failure').first();
    await failure.waitFor();
    assert.match(await failure.innerText(), /not-contains/);
    await failure.scrollIntoViewIfNeeded();
    await screenshot(page, 'evals-answers-700');
    await waitForText(view.locator('#tab-evals'), 'Evals');
  });
});

/** The batch queue in the tab, on the harness page (no provider with a batch API is set up in code-server). */
describe('Evals tab: the batch queue (harness page, headless Chromium, 700 px)', function () {
  this.timeout(120_000);
  const harness = useWebviewHarness({ view: 'panel', viewport: { width: 700, height: 900 } });
  const evals: EvalsState = {
    suites: [{ id: 'greetings', file: '.quorum/evals/greetings.yaml', feature: 'ask', cases: 200, threshold: '90 %' }],
    invalid: [], resultProblems: [], selectedSuites: ['greetings'], selectedModels: [], running: false, changes: [],
    notice: 'Back from batch: the run of greetings that was under way when the window reloaded has finished (6 Dec 2026, 03:40); its results are below.',
    batchJobs: [
      { id: 'anthropic:msgbatch_01', title: 'greetings · anthropic/claude-haiku-5-5', state: 'in progress', progress: '120/200', submitted: '6 Dec 2026, 03:31', active: true, problem: 'The vendor did not answer: Quorum tries again in 2 minutes.' },
      { id: 'openai:batch_01', title: 'greetings · openai/gpt-6-luna', state: 'partially done', progress: '198/200 answered', submitted: '6 Dec 2026, 03:30', active: false },
      { id: 'gemini:batches/01', title: 'greetings · gemini/gemini-3.5-flash-lite', state: 'expired', progress: '100/200 answered', submitted: '5 Dec 2026, 02:10', active: false },
    ],
  };

  it('lists each job with state, progress and submitted time; Cancel and Remove work from the keyboard', async () => {
    const h = harness();
    await h.send({ type: 'panel/snapshot', snapshot: panelSnapshot({ view: 'evals', evals }) });
    await h.page.locator('#tab-evals').click();
    const rows = h.page.locator('.evals-jobs tbody tr');
    await rows.first().waitFor();
    assert.deepEqual((await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()), [
      'greetings · anthropic/claude-haiku-5-5 The vendor did not answer: Quorum tries again in 2 minutes. in progress 120/200 6 Dec 2026, 03:31 Cancel',
      'greetings · openai/gpt-6-luna partially done 198/200 answered 6 Dec 2026, 03:30 Remove',
      'greetings · gemini/gemini-3.5-flash-lite expired 100/200 answered 5 Dec 2026, 02:10 Remove',
    ]);
    assert.match(await h.page.locator('.evals-notice').innerText(), /^Back from batch/);
    assert.equal(await h.page.locator('section.evals-batch').getAttribute('aria-label'), 'Batch jobs');

    await h.clearPosted();
    await h.page.locator('[id="evals-job-cancel-anthropic:msgbatch_01"]').focus();
    await h.page.keyboard.press('Enter');
    await h.page.keyboard.press('Tab');
    await h.page.keyboard.press('Enter');
    const posted = await eventually(async () => {
      const messages = (await h.posted()).map((p) => p.message);
      return messages.length >= 2 ? messages : undefined;
    }, 'Cancel and Remove posted');
    for (const message of posted) assert.ok(parsePanelViewMessage(message), `the host accepts ${JSON.stringify(message)}`);
    assert.deepEqual(posted, [{ type: 'evals/cancelJob', job: 'anthropic:msgbatch_01' }, { type: 'evals/removeJob', job: 'openai:batch_01' }]);
    const wrap = await h.page.locator('.evals-batch').boundingBox();
    assert.ok(wrap !== null && wrap.width <= 700, 'the list fits 700 px');
    await h.page.screenshot({ path: resultPath('evals-batch-jobs-700') });
    assert.deepEqual(h.events.pageErrors, []);
  });
});
