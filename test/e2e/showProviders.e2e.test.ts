// The packaged extension in the real workbench: "Quorum: Show Providers" opens the providers
// table, the OpenAI-compatible fake becomes Ready and OpenAI (no key stored) says so.
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
});
