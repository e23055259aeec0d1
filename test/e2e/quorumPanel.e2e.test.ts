// The Quorum panel in the real workbench (packaged VSIX in code-server): compare three models side by
// side, then a vote in which one model's server returns 500 and the vote still completes.
import assert from 'node:assert/strict';
import { choose, panel, queueForModel } from './panelSteps';
import { screenshot, useWorkbench } from './workbench';

const MODELS = ['compat:fake/llama3.2:latest', 'compat:fake/qwen2.5-coder:7b', 'compat:fake/phi3:mini'];

describe('Quorum panel (packaged VSIX in code-server)', function () {
  const workbench = useWorkbench();

  it('compares three models side by side, every column streaming to the end', async function () {
    const { page } = workbench();
    const view = await panel(page, 'Quorum: Compare Models Side by Side');
    await choose(view, 'compare', MODELS);
    await view.locator('#compare-prompt').fill('Name one sorting algorithm and its complexity');
    await view.locator('#compare-run').click();
    const columns = view.locator('#compare-columns .compare-column');
    await columns.nth(2).waitFor();
    assert.equal(await columns.count(), 3);
    for (let i = 0; i < 3; i++) {
      await view.locator('#compare-columns .compare-column [data-role="status"]').nth(i).filter({ hasText: /^Done$/ }).waitFor({ timeout: 60_000 });
      assert.match(await columns.nth(i).innerText(), /Name one sorting algorithm/);
    }
    await screenshot(page, 'panel-compare');
  });

  it('votes with one model failing (500): the vote completes with two and shows the failure', async function () {
    const { page } = workbench();
    await queueForModel(MODELS[2] ?? '', { fault: { kind: 'server-error', status: 500 } }, 3);
    const view = await panel(page, 'Quorum: Ensemble Vote');
    await choose(view, 'vote', MODELS);
    await view.locator('#vote-prompt').fill('Is 7 a prime number? Answer yes or no.');
    await view.locator('#vote-run').click();
    await view.locator('#vote-result').waitFor({ timeout: 60_000 });
    const failed = view.locator('#vote-members [data-status="failed"]');
    await failed.first().waitFor();
    assert.equal(await failed.count(), 1);
    assert.equal(await failed.first().getAttribute('data-ref'), MODELS[2]);
    assert.equal(await view.locator('#vote-members [data-status="done"]').count(), 2);
    await screenshot(page, 'panel-vote');
  });
});
