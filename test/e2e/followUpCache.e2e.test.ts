// Caching in the Quorum view, in the real workbench (packaged VSIX in code-server): (1) follow-ups on Claude with a
// ~6,000-token file attached: the first follow-up writes the Anthropic prompt cache, the second reads it (the route
// card's prompt-cache line) and costs less than the turns before it;
// (2) with quorum.cache.exact { ask: true }, the same question asked again is answered from the exact response
// cache: the "cached" badge, $0.00, and no request reaches the fake.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { userModelsLoaded } from './panelSteps';
import { activeWebview, editorTab, fakesUrl, invokeCommand, runCommand, screenshot, useWorkbench, waitForText, workspaceFolder } from './workbench';

interface Recorded { readonly vendor: string; readonly method: string; readonly path: string; readonly body: unknown }

/** An attached file of ~6,000 tokens: above every Claude model's minimum cacheable prefix (4,096 at most). */
const FILE = 'export function total(orders: Order[]): number { return orders.reduce((s, o) => s + o.price, 0); }\n'.repeat(240);
const HAIKU = 'anthropic/claude-haiku-5-5';
const LLAMA = 'compat:fake/llama3.2:latest';

/** Requests that asked a model (the fakes' control API records every request; listings are GETs). */
async function modelCalls(): Promise<Recorded[]> {
  const response = await fetch(`${fakesUrl()}/__fake/requests`);
  return ((await response.json()) as Recorded[]).filter((r) => r.method === 'POST' && r.vendor !== 'control');
}

/** `$0.0075` → 0.0075; fails on `unknown`, `…` or anything else that is not an amount. */
function usd(text: string): number {
  const match = /^\$(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (match?.[1] === undefined) throw new Error(`expected a dollar amount, saw "${text}"`);
  return Number(match[1]);
}

/** Opens the Quorum view (Ask Best Model) and starts a new conversation with no chips and `model` picked. */
async function freshConversation(page: Page, model: string): Promise<FrameLocator> {
  await invokeCommand(page, 'Quorum: Ask Best Model');
  const view = activeWebview(page);
  await view.locator('#conversation-input').waitFor();
  await view.locator('#conversation-new').click();
  await view.locator('[data-turn]').first().waitFor({ state: 'detached' });
  const remove = view.locator('#conversation-chips .chip-remove');
  for (let count = await remove.count(); count > 0; count = await remove.count()) {
    await remove.first().click();
    await waitForCount(remove, count - 1);
  }
  // The picker offers a model once its provider is usable (for Claude: once the key is stored and the listing read).
  await view.locator(`#conversation-model option[value="${model}"]`).waitFor({ state: 'attached' });
  await view.locator('#conversation-model').selectOption(model);
  return view;
}

async function waitForCount(locator: Locator, expected: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await locator.count()) !== expected) {
    if (Date.now() > deadline) throw new Error(`expected ${expected} of ${locator}, saw ${await locator.count()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends `prompt` and waits until turn `index` has settled as Done; returns that turn. */
async function ask(view: FrameLocator, prompt: string, index: number): Promise<Locator> {
  const input = view.locator('#conversation-input');
  await input.fill(prompt);
  await input.press('Enter');
  const turn = view.locator('[data-turn]').nth(index);
  await waitForText(turn.locator('[data-role="status"]'), 'Done');
  await view.locator('#conversation-send').waitFor();
  return turn;
}

/** The providers table as the only webview on screen (the Quorum view in the sidebar would be a second one). */
async function showProvidersAlone(page: Page): Promise<void> {
  await runCommand(page, 'View: Show Explorer');
  await runCommand(page, 'Quorum: Show Providers');
}

async function screenshots(page: Page, name: string): Promise<void> {
  for (const width of [1400, 700]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1400, height: 900 });
}

describe('Quorum view: prompt cache and exact response cache (packaged VSIX in code-server)', function () {
  const file = path.join(workspaceFolder(), 'orders.ts');
  // Workspace settings, so the user settings the harness restores stay as they are.
  const settings = path.join(workspaceFolder(), '.vscode', 'settings.json');
  // Written before the workbench opens: Quick Open indexes the file, and the window reads the setting at start.
  before(() => {
    fs.writeFileSync(file, FILE);
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    // The fake models' prices too: a window opened just after the harness restored the user settings can miss them.
    fs.writeFileSync(settings, JSON.stringify({
      'quorum.cache.exact': { ask: true },
      'quorum.models': [
        { provider: 'compat:fake', id: 'llama3.2:latest', inputPerMTok: 200, outputPerMTok: 600 },
        { provider: 'compat:fake', id: 'qwen2.5-coder:7b', inputPerMTok: 300, outputPerMTok: 900 },
        { provider: 'compat:fake', id: 'phi3:mini', displayName: 'phi3:mini', inputPerMTok: 100, outputPerMTok: 400 },
      ],
    }));
  });
  after(() => {
    fs.rmSync(file, { force: true });
    fs.rmSync(path.dirname(settings), { recursive: true, force: true });
  });
  const workbench = useWorkbench();

  describe('with an Anthropic key', function () {
    let keySet = false;
    // Through the providers table's row buttons, as a user would (showProviders.e2e.test.ts drives the same).
    const anthropicStatus = (page: Page) => activeWebview(page).locator('tr[data-provider-id="anthropic"] .provider-status .status-text');
    before(async function () {
      const page = workbench().page;
      await showProvidersAlone(page);
      await activeWebview(page).getByRole('button', { name: 'Set the Anthropic API key' }).click();
      const input = page.locator('.quick-input-widget input[placeholder="sk-ant-…"]');
      await input.waitFor({ state: 'visible' });
      await input.fill('sk-ant-e2e-cache-0001');
      await input.press('Enter');
      keySet = true;
      await waitForText(anthropicStatus(page), 'Ready');
    });
    after(async function () {
      if (!keySet) return;
      // Later specs expect no Anthropic key (showProviders): remove it from the row, as a user would.
      const page = workbench().page;
      await showProvidersAlone(page);
      await activeWebview(page).getByRole('button', { name: 'Remove the Anthropic API key' }).click();
      await page.locator('.monaco-dialog-box').getByRole('button', { name: 'Remove' }).click();
      await waitForText(anthropicStatus(page), 'No key');
      await runCommand(page, 'View: Close All Editors');
    });

    it('a second follow-up on Claude reads the prompt cache the first follow-up wrote, and costs less', async function () {
      const { page } = workbench();
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').fill('orders.ts');
      await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'orders.ts' }).first().click();
      await editorTab(page, 'orders.ts').waitFor();
      const view = await freshConversation(page, HAIKU);
      await view.locator('[data-attach="file"]').click();
      const chip = view.locator('#conversation-chips .chip-file');
      await chip.waitFor();
      assert.match(await chip.innerText(), /[5-7],\d{3} tokens/, 'the file is large enough to cache');

      const run = `${Date.now()}`;
      const turns = [
        await ask(view, `What does total() do? (${run})`, 0),
        await ask(view, 'Does it handle an empty list?', 1),
        await ask(view, 'Would a for loop be faster?', 2),
      ];
      const facts: { cache: string; tokens: string; cost: number }[] = [];
      for (const turn of turns) {
        assert.equal(await turn.locator('[data-role="model"]').innerText(), HAIKU);
        const cache = turn.locator('[data-role="cache"]');
        facts.push({
          cache: (await cache.count()) === 0 ? '(no prompt-cache line)' : await cache.innerText(),
          tokens: await turn.locator('[data-role="tokens"]').innerText(),
          cost: usd(await turn.locator('[data-role="cost"]').innerText()),
        });
      }
      console.log(`      [prompt-cache figures] ${facts.map((f, i) => `turn ${i + 1}: ${f.tokens}, ${f.cost}, ${f.cache}`).join('; ')}`);
      const [first, second, third] = facts as [typeof facts[0], typeof facts[0], typeof facts[0]];
      // The view sends the chip and the question as one user message, so the first turn has no stable prefix to
      // mark: the first follow-up writes the cache (the first question and answer), the second reads it.
      assert.equal(first.cache, '(no prompt-cache line)', 'turn 1: nothing before the question to cache');
      assert.match(second.cache, /^Prompt cache: read 0 tokens, wrote [1-9][\d,]* · /, 'turn 2 writes the cache');
      const read = Number(/^Prompt cache: read ([\d,]+) tokens/.exec(third.cache)?.[1]?.replace(/,/g, '') ?? 0);
      assert.ok(read > 4_096, `turn 3 reads the cache: "${third.cache}"`);
      assert.ok(third.cost < second.cost && third.cost < first.cost, `turn 3 ($${third.cost}) costs less than turns 1 ($${first.cost}) and 2 ($${second.cost})`);
      await turns.at(-1)?.locator('[data-role="cache"]').scrollIntoViewIfNeeded();
      await screenshots(page, 'follow-up-prompt-cache');
    });
  });

  describe('with quorum.cache.exact { ask: true }', function () {
    it('the same question asked again is answered from the exact cache: "cached", $0.00, nothing sent', async function () {
      const { page } = workbench();
      await userModelsLoaded(page); // the first answer must be priced from quorum.models
      const prompt = `Say hello (${Date.now()})`;
      const miss = await ask(await freshConversation(page, LLAMA), prompt, 0);
      assert.equal(await miss.locator('[data-role="cached"]').count(), 0, 'the first answer was asked of the model');
      const missCost = await miss.locator('[data-role="cost"]').innerText();
      assert.ok(usd(missCost) > 0, 'the first answer was priced');
      const missAnswer = await miss.locator('[data-role="answer"]').innerText();
      const calls = (await modelCalls()).length;

      const hit = await ask(await freshConversation(page, LLAMA), prompt, 0);
      assert.equal(await hit.locator('[data-role="cached"]').innerText(), `cached · saved ${missCost}`);
      assert.equal(await hit.locator('[data-role="cost"]').innerText(), '$0.00');
      assert.equal(await hit.locator('[data-role="answer"]').innerText(), missAnswer);
      assert.equal(await hit.locator('[data-role="cache"]').count(), 0, 'no prompt-cache line on an answer nothing was sent for');
      assert.equal((await modelCalls()).length, calls, 'no second request reached the fake');
      await screenshots(page, 'exact-cache-hit');
      console.log(`      [exact-cache figures] miss cost ${missCost}; hit cost ${await hit.locator('[data-role="cost"]').innerText()}, badge "${await hit.locator('[data-role="cached"]').innerText()}"`);
    });
  });
});
