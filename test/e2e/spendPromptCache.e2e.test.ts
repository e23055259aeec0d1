// The Spend tab's prompt-cache section in headless Chromium, on the harness page (test/webview/harness.ts):
// hit rate per model and per conversation, and why follow-ups missed, under the shipped CSP.
import assert from 'node:assert/strict';
import { resultPath, useWebviewHarness } from '../webview/harness';
import { panelSnapshot, spendSnapshot } from '../webview/panelFixtures';

describe('Spend tab: prompt cache (harness page, headless Chromium)', function () {
  this.timeout(120_000);
  const harness = useWebviewHarness({ view: 'panel' });

  it('shows the hit rate per model and per conversation with the miss reasons; absent without follow-ups', async function () {
    const h = harness();
    await h.send({ type: 'panel/snapshot', snapshot: panelSnapshot({ view: 'spend' }) });
    await h.send({ type: 'spend/snapshot', snapshot: spendSnapshot() });
    assert.equal(await h.page.locator('#spend-prompt-cache').count(), 0, 'no section before any follow-up');
    const promptCache = {
      byModel: [
        { key: 'anthropic/claude-haiku-5-5', followUps: 4, hits: 3, misses: '1 expired' },
        { key: 'gemini/gemini-3.8-flash', followUps: 2, hits: 0, misses: '1 model switched, 1 below minimum size' },
      ],
      byConversation: [{ key: 'conv-orders', followUps: 6, hits: 3, misses: '1 model switched, 1 below minimum size, 1 expired' }],
    };
    await h.send({ type: 'spend/snapshot', snapshot: { ...spendSnapshot(), promptCache } });
    const page = h.page;
    assert.equal(await page.locator('#spend-prompt-cache-heading').innerText(), 'Prompt cache — this month');
    assert.deepEqual(await page.locator('#spend-cache-by-model tbody tr[data-key="anthropic/claude-haiku-5-5"] > *').allTextContents(),
      ['anthropic/claude-haiku-5-5', '4', '75% (3)', '1 expired']);
    assert.deepEqual(await page.locator('#spend-cache-by-conversation tbody tr > *').allTextContents(),
      ['conv-orders', '6', '50% (3)', '1 model switched, 1 below minimum size, 1 expired']);
    assert.deepEqual(await h.cspViolations(), []);
    assert.deepEqual(h.events.pageErrors, []);
    await page.locator('#spend-prompt-cache').screenshot({ path: resultPath('spend-prompt-cache') });
  });
});
