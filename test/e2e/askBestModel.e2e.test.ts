// The packaged extension in the real workbench: palette → "Quorum: Ask Best Model" → the Quorum view takes the
// focus → type a question → Enter → the answer streams in under its route card (model, why, cost).
import assert from 'node:assert/strict';
import { activeWebview, invokeCommand, screenshot, useWorkbench, waitForText } from './workbench';

describe('Quorum: Ask Best Model (packaged VSIX in code-server)', function () {
  const workbench = useWorkbench();

  it('opens the Quorum view and answers the question typed there, with the route card visible', async function () {
    const { page } = workbench();
    // No keys here: the only usable provider is the keyless local fake, whose models Ask discovers
    // itself on first use (nothing has listed them before in this fresh window).
    await invokeCommand(page, 'Quorum: Ask Best Model');
    const view = activeWebview(page);
    const input = view.locator('#conversation-input');
    await input.waitFor();
    await view.locator('#conversation-new').click();
    await input.fill('Explain what a circuit breaker does');
    await input.press('Enter');
    const turn = view.locator('[data-turn]').first();
    await waitForText(turn.locator('[data-role="status"]'), 'Done');
    assert.match(await turn.locator('[data-role="model"]').innerText(), /^compat:fake\//);
    assert.notEqual((await turn.locator('[data-role="why"]').innerText()).trim(), '');
    assert.match(await turn.locator('[data-role="answer"]').innerText(), /You asked: "Explain what a circuit breaker does"/);
    await turn.locator('[data-role="cost"]').waitFor();
    await screenshot(page, 'ask-best-model');
  });
});
