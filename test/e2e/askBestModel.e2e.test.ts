// The packaged extension in the real workbench: palette → "Quorum: Ask Best Model" → type a prompt →
// Enter → the answer streams into "Quorum: Answer" under its route header.
import assert from 'node:assert/strict';
import { activeWebview, editorTab, invokeCommand, screenshot, useWorkbench, waitForText } from './workbench';

describe('Quorum: Ask Best Model (packaged VSIX in code-server)', function () {
  const workbench = useWorkbench();

  it('answers a prompt typed in the palette, with the route header visible', async function () {
    const { page } = workbench();
    // No keys here: the only usable provider is the keyless local fake, whose models Ask discovers
    // itself on first use (nothing has listed them before in this fresh window).
    // Not runCommand(): it waits for the palette to close, but this command opens its own input at once.
    const input = page.locator('.quick-input-widget input');
    await invokeCommand(page, 'Quorum: Ask Best Model');
    await page.locator('.quick-input-widget input[placeholder*="Quorum picks the cheapest model"]').waitFor();
    await input.fill('Explain what a circuit breaker does');
    await page.keyboard.press('Enter');

    await editorTab(page, 'Quorum: Answer').waitFor();
    const view = activeWebview(page);
    await waitForText(view.locator('#answer-status'), 'Done');
    const model = (await view.locator('#answer-model').textContent())?.trim() ?? '';
    assert.match(model, /^compat:fake\//);
    assert.notEqual((await view.locator('#answer-why').textContent())?.trim() ?? '', '');
    assert.match(await view.locator('#answer-body').innerText(), /You asked: "Explain what a circuit breaker does"/);
    await view.locator('#answer-cost').waitFor();
    await screenshot(page, 'ask-best-model');
  });
});
