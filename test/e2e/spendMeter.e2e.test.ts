// The status-bar cost meter in the real workbench: ask once, the meter shows today's spend, its
// tooltip gives the detail, and a click opens the Quorum panel on its Spend tab.
import assert from 'node:assert/strict';
import { eventually } from '../webview/harness';
import { activeWebview, editorTab, invokeCommand, runCommand, screenshot, useWorkbench, waitForText } from './workbench';

/** VS Code gives a contributed status-bar item the DOM id `<extension id>.<item id>`. */
const METER = '[id="quorum-labs.quorum.quorum.spend"]';

describe('Quorum spend meter (packaged VSIX in code-server)', function () {
  const workbench = useWorkbench();

  it('shows today\'s spend after a call, with a tooltip, and opens the spend view', async function () {
    const { page } = workbench();
    const meter = page.locator(METER);
    await meter.waitFor();
    const before = (await meter.innerText()).trim();

    // Ask in the Quorum view, then close the sidebar so the Spend tab is the one webview on screen.
    await invokeCommand(page, 'Quorum: Ask Best Model');
    const conversation = activeWebview(page);
    const input = conversation.locator('#conversation-input');
    await input.waitFor();
    await input.fill('Give me one tip for naming variables');
    await input.press('Enter');
    await waitForText(conversation.locator('[data-turn]').last().locator('[data-role="status"]'), 'Done');
    await runCommand(page, 'View: Close Primary Side Bar');

    // The meter moves once the call is in the ledger: wait for that state (the bound is only a failure
    // deadline, generous for a loaded machine), not for a fixed time.
    await eventually(async () => (await meter.innerText()).trim() !== before, 'the meter to move after the call', 60_000);
    const after = (await meter.innerText()).trim();
    assert.notEqual(after, before, 'the meter changed after the call');
    // `+` when earlier specs made calls of unknown cost (the fake's embedding model has no price).
    assert.match(after, /^\$[\d,.]+\+? today$/);

    await meter.hover();
    const tooltip = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'Quorum spend' }).first();
    await tooltip.waitFor();
    const tip = await tooltip.innerText();
    assert.match(tip, /Today/);
    assert.match(tip, /Top models this month: compat:fake\//);
    assert.match(tip, /All models available/);
    await screenshot(page, 'spend-meter-tooltip');

    await meter.click();
    await editorTab(page, /^\s*Quorum\s*$/).waitFor();
    const view = activeWebview(page);
    await view.locator('#spend-today').waitFor();
    const today = await view.locator('#spend-today').innerText();
    assert.match(today, /Today\s+\$[\d,.]+\s+\d+ calls?/);
    assert.ok(await view.locator('table').count() >= 1, 'the per-model table');
    await screenshot(page, 'spend-view');
  });
});
