// The packaged extension in the real workbench: "Quorum: Show Providers" opens the providers
// table, the OpenAI-compatible fake becomes Ready and OpenAI (no key stored) says so; with an Anthropic key,
// the built-in model the Anthropic fake does not list is named as "not served by your account".
import { type Locator } from 'playwright-core';
import { activeWebview, editorTab, runCommand, screenshot, useWorkbench, waitForText, type Workbench } from './workbench';

/** The status label of a provider's row; the cell also holds a detail line under it. */
function providerStatus(workbench: Workbench, providerId: string): Locator {
  return activeWebview(workbench.page).locator(`tr[data-provider-id="${providerId}"] .provider-status .status-text`);
}

describe('Quorum: Show Providers (packaged VSIX in code-server)', function () {
  const workbench = useWorkbench();

  // The tests below look at what this one opens.
  it('opens the "Quorum: Providers" tab with the providers table', async function () {
    await runCommand(workbench().page, 'Quorum: Show Providers');
    await editorTab(workbench().page, 'Quorum: Providers').waitFor();
    await activeWebview(workbench().page).locator('#providers-table').waitFor();
  });

  it('shows the OpenAI-compatible fake as Ready', async function () {
    await waitForText(providerStatus(workbench(), 'compat:fake'), 'Ready');
    await screenshot(workbench().page, 'show-providers');
  });

  it('shows OpenAI without a key as "No key"', async function () {
    await waitForText(providerStatus(workbench(), 'openai'), 'No key');
  });

  describe('with an Anthropic key', function () {
    let keySet = false;
    after(async function () {
      if (!keySet) return;
      // Later specs expect no Anthropic key: remove it from the row, as a user would.
      const page = workbench().page;
      await activeWebview(page).getByRole('button', { name: 'Remove the Anthropic API key' }).click();
      await page.locator('.monaco-dialog-box').getByRole('button', { name: 'Remove' }).click();
      await waitForText(providerStatus(workbench(), 'anthropic'), 'No key');
    });

    it('names the built-in model the account does not serve', async function () {
      const page = workbench().page;
      await activeWebview(page).getByRole('button', { name: 'Set the Anthropic API key' }).click();
      const input = page.locator('.quick-input-widget input[placeholder="sk-ant-…"]');
      await input.waitFor({ state: 'visible' });
      await input.fill('sk-ant-e2e-served-0001');
      await input.press('Enter');
      keySet = true;
      const row = activeWebview(page).locator('tr[data-provider-id="anthropic"]');
      await waitForText(row.locator('.provider-status .status-text'), 'Ready');
      const notServed = activeWebview(page).locator('tr[data-offer-of="anthropic"] .not-served');
      await waitForText(notServed, 'Not served by your account (not offered): claude-fable-5-1');
      await screenshot(page, 'show-providers-not-served');
    });
  });
});
