// The Evals tab in the real workbench (packaged VSIX in code-server) at 700 px: a suite in the workspace,
// three fake models picked, estimate, run, and the matrix with each case's answers side by side.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { activeWebview, editorTab, invokeCommand, runCommand, screenshot, useWorkbench, waitForText } from './workbench';

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
function workspaceFolder(): string {
  const url = new URL(process.env.QUORUM_E2E_WORKBENCH_URL ?? assert.fail('QUORUM_E2E_WORKBENCH_URL is not set'));
  return url.searchParams.get('folder') ?? assert.fail('the workbench URL names no folder');
}

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

describe('Evals tab (packaged VSIX in code-server)', function () {
  const workbench = useWorkbench();
  const quorumDir = path.join(workspaceFolder(), '.quorum');
  before(() => {
    fs.mkdirSync(path.join(quorumDir, 'evals'), { recursive: true });
    fs.writeFileSync(path.join(quorumDir, 'evals', 'e2e-greetings.yaml'), SUITE);
    fs.writeFileSync(path.join(quorumDir, 'evals', 'broken.yaml'), 'feature: ask\ncases: []\n');
  });
  after(() => fs.rmSync(quorumDir, { recursive: true, force: true }));

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
