// Steps the Quorum panel's e2e specs share: queue a fake's reply for one model, open the panel, pick models.
import assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { activeWebview, editorTab, fakesUrl, invokeCommand, runCommand } from './workbench';

/** What the fake for `compat:fake/<model>` does with its next requests: an answer or a fault, `times` times. */
export async function queueForModel(model: string, reply: { readonly answer: string } | { readonly fault: unknown }, times = 1): Promise<void> {
  const scenario = { vendor: 'openaiCompatible', model: model.slice('compat:fake/'.length), ...reply, times };
  const response = await fetch(`${fakesUrl()}/__fake/scenarios`, { method: 'POST', body: JSON.stringify([scenario]), headers: { 'content-type': 'application/json' } });
  assert.ok(response.ok, `queue a scenario: ${response.status}`);
}

/** Checks exactly `refs` among the tab's model checkboxes. */
export async function choose(view: FrameLocator, prefix: 'compare' | 'vote', refs: readonly string[]): Promise<void> {
  const boxes = view.locator(`#${prefix}-models input[type="checkbox"]`);
  await boxes.first().waitFor();
  for (let i = 0; i < await boxes.count(); i++) {
    const box = boxes.nth(i);
    const want = refs.includes(await box.getAttribute('value') ?? '');
    if ((await box.isChecked()) !== want) await box.click();
  }
}

/** Runs `command` (e.g. "Quorum: Ensemble Vote") and returns the Quorum panel's webview. */
export async function panel(page: Page, command: string): Promise<FrameLocator> {
  await invokeCommand(page, command);
  await editorTab(page, /^\s*Quorum\s*$/).waitFor();
  return activeWebview(page);
}

/**
 * Waits until the extension has read the user settings' `quorum.models` (phi3:mini and its prices exist only
 * there): a spec that starts just after the harness restored the settings file may otherwise ask before VS Code
 * re-read it. The open panel lists the models anew when the settings change, so this waits on that state.
 */
export async function userModelsLoaded(page: Page): Promise<void> {
  const view = await panel(page, 'Quorum: Open Panel');
  await view.locator('#compare-models input[value="compat:fake/phi3:mini"]').waitFor({ state: 'attached' });
  await runCommand(page, 'View: Close Editor');
  await editorTab(page, /^\s*Quorum\s*$/).waitFor({ state: 'detached' });
}
