// The Quorum panel's front end in headless Chromium, on the harness page (test/webview/harness.ts):
// the built bundle under the shipped CSP with a fake acquireVsCodeApi — no code-server needed. Covers
// streaming deltas, state restore, the drafts rule, keyboard use, every control's message, and the Vote
// and Spend tabs. The XSS corpus is in panelWebviewXss.e2e.test.ts.
import assert from 'node:assert/strict';
import { parsePanelViewMessage, type CompareColumn, type CompareColumnInfo, type PanelHostMessage } from '../../src/shared/panelProtocol';
import { eventually, resultPath, useWebviewHarness, type WebviewHarness } from '../webview/harness';
import {
  ANSWERS, compareState, DAILY, EMPTY_VOTE_STATE, finishedVote, MODELS, panelSnapshot, spendSnapshot, tokenize, waitingColumn,
} from '../webview/panelFixtures';

// Page globals used inside page.evaluate (the test project compiles without the DOM library).
interface ProbeNode { readonly textContent: string | null }
declare const window: { postMessage(data: unknown, targetOrigin: string): void };
declare const document: {
  readonly activeElement: { readonly id: string; readonly dataset: { readonly action?: string } } | null;
  querySelectorAll(selector: string): ArrayLike<ProbeNode>;
};
declare class MutationObserver {
  constructor(callback: () => void);
  observe(target: ProbeNode, options: { childList: boolean; subtree: boolean; characterData: boolean }): void;
  disconnect(): void;
}
declare function requestAnimationFrame(callback: () => void): number;
declare function getComputedStyle(node: unknown): { readonly fill: string };

const info = (column: CompareColumn, extra: Partial<CompareColumnInfo>): CompareColumnInfo => {
  const { text: _text, ...rest } = column;
  return { ...rest, ...extra };
};

/** The code of a markdown answer's first fenced block, as it should appear in the DOM. */
function firstFence(markdown: string): string {
  const match = /```[^\n]*\n([\s\S]*?)```/.exec(markdown);
  assert.ok(match, 'the fixture has a fenced block');
  return match[1] as string;
}

async function postedMessages(h: WebviewHarness) {
  const posted = await h.posted();
  // Whatever the view posts must pass the host's validator.
  for (const p of posted) assert.ok(parsePanelViewMessage(p.message), `the host accepts ${JSON.stringify(p.message)}`);
  return posted.map((p) => p.message);
}

describe('Quorum panel webview (harness page, headless Chromium)', function () {
  this.timeout(120_000);
  const harness = useWebviewHarness({ view: 'panel' });

  it('paints before posting webview/ready, once, and shows the empty Compare tab', async function () {
    const h = harness();
    const posted = await h.posted();
    assert.deepEqual(posted.map((p) => p.message), [{ type: 'webview/ready' }]);
    assert.ok((posted[0]?.appTextLength ?? 0) > 0, 'the view was painted when it said ready');
    assert.equal(await h.page.locator('#tab-compare').getAttribute('aria-selected'), 'true');
    assert.equal(await h.page.locator('#compare-empty').isVisible(), true);
    assert.deepEqual(h.events.pageErrors, []);
  });

  it('renders a snapshot, streams deltas into 3 columns and ends with each final text', async function () {
    const h = harness();
    const columns = [0, 1, 2].map((i) => waitingColumn(i));
    await h.send({ type: 'panel/snapshot', snapshot: panelSnapshot({ compare: compareState(columns) }) });
    assert.equal(await h.page.locator('.compare-column').count(), 3);
    assert.equal(await h.page.locator('.compare-column[data-column-id="c0"] [data-role="status"]').innerText(), 'Waiting…');

    await h.sendAll(columns.map((c, i) => ({ type: 'compare/column', column: info(c, { status: 'streaming', ttftMs: 300 + i * 10 }) })));
    const tokens = ANSWERS.map(tokenize);
    const steps = Math.max(...tokens.map((t) => t.length));
    for (let step = 0; step < steps; step += 4) {
      const burst: PanelHostMessage[] = [];
      for (let s = step; s < step + 4; s++) {
        tokens.forEach((list, c) => {
          const text = list[s];
          if (text !== undefined) burst.push({ type: 'compare/delta', columnId: `c${c}`, text });
        });
      }
      await h.sendAll(burst);
      if (step === 40) {
        // Mid-stream: the first words are on screen already, while the columns still stream.
        await h.frames(2);
        assert.match(await h.page.locator('.compare-column[data-column-id="c0"] .column-text').innerText(), /A typed/);
        assert.equal(await h.page.locator('.compare-column[data-column-id="c1"] [data-role="status"]').innerText(), 'Streaming…');
        assert.equal(await h.page.locator('.compare-column[data-column-id="c1"] .column-text').getAttribute('aria-busy'), 'true');
      }
    }
    const done = columns.map((c, i) => info(c, {
      status: 'done', ttftMs: 300 + i * 10, totalMs: 4100 + i, inputTokens: 120, outputTokens: 260 + i, finishReason: 'stop', ...(i === 2 ? {} : { costUsd: 0.0021 }),
    }));
    await h.sendAll(done.map((column) => ({ type: 'compare/column', column })));
    // The run's end: the whole state again, the same text — nothing to repaint, nothing doubled.
    await h.send({ type: 'compare/state', compare: compareState(done.map((c, i) => ({ ...c, text: ANSWERS[i] as string })), { running: false }) });
    await h.frames(2);

    for (const [i, answer] of ANSWERS.entries()) {
      const column = h.page.locator(`.compare-column[data-column-id="c${i}"]`);
      assert.equal(await column.locator('[data-role="status"]').innerText(), 'Done');
      assert.equal(await column.locator('pre code').first().textContent(), firstFence(answer));
      assert.equal(await column.locator('[data-fact="ttft"]').innerText(), `${300 + i * 10} ms`);
      assert.equal(await column.locator('[data-fact="tokens"]').innerText(), `120 in / ${260 + i} out`);
      assert.equal(await column.locator('[data-fact="cost"]').innerText(), i === 2 ? 'unknown' : '$0.0021');
      assert.equal(await column.locator('[data-fact="finish"]').innerText(), 'stop');
    }
    assert.deepEqual(await h.page.locator('.column-text pre[data-lang]').evaluateAll((pres) => pres.map((p) => (p as unknown as { dataset: { lang: string } }).dataset.lang)), ['ts', 'typescript', 'js']);
    assert.equal(await h.page.locator('.compare-column[data-column-id="c2"] .column-text table').count(), 1);
    assert.equal(await h.page.locator('.compare-column[data-column-id="c1"] .column-text blockquote em').innerText(), 'leading-edge');
    // The appended text is exactly the answer: nothing lost or doubled between deltas.
    const saved = await h.savedState() as { snapshot: { compare: { columns: { text: string }[] } } };
    assert.deepEqual(saved.snapshot.compare.columns.map((c) => c.text), ANSWERS);
    assert.equal(await h.page.locator('#compare-stop-all').isDisabled(), true);
    await h.page.screenshot({ path: resultPath('panel-compare-harness') });
    assert.deepEqual(h.events.pageErrors, []);
  });

  it('repaints only the column a delta is for, at most once per frame', async function () {
    const h = harness();
    const columns = [0, 1, 2].map((i) => ({ ...waitingColumn(i), status: 'streaming' as const, text: 'Start. ' }));
    await h.send({ type: 'panel/snapshot', snapshot: panelSnapshot({ compare: compareState(columns) }) });
    await h.frames(2);
    const deltas = Array.from({ length: 60 }, (_, i) => ({ type: 'compare/delta', columnId: 'c0', text: `word${i} ` }));
    const { repaints, frames } = await h.page.evaluate(async (burst) => {
      const texts = Array.from(document.querySelectorAll('.compare-column .column-text'));
      const counts = texts.map(() => 0);
      const observers = texts.map((node, i) => {
        const observer = new MutationObserver(() => { counts[i] = (counts[i] ?? 0) + 1; });
        observer.observe(node, { childList: true, subtree: true, characterData: true });
        return observer;
      });
      let frameCount = 0;
      let counting = true;
      const tick = () => { frameCount++; if (counting) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      for (const data of burst) window.postMessage(data, '*');
      await new Promise((resolve) => setTimeout(resolve, 250));
      counting = false;
      for (const observer of observers) observer.disconnect();
      return { repaints: counts, frames: frameCount };
    }, deltas);
    assert.ok((repaints[0] ?? 0) >= 1, 'the column with new text was repainted');
    assert.ok((repaints[0] ?? 0) <= Math.min(frames, 5), `60 deltas → ${repaints[0]} repaints in ${frames} frames`);
    assert.deepEqual(repaints.slice(1), [0, 0], 'the other columns were left alone');
    assert.match(await h.page.locator('.compare-column[data-column-id="c0"] .column-text').innerText(), /word59/);
  });

  it('restores the last state on reload, before any host message, then posts webview/ready', async function () {
    const h = harness();
    const columns = [0, 1, 2].map((i) => waitingColumn(i));
    await h.send({
      type: 'panel/snapshot',
      snapshot: panelSnapshot({ compare: compareState(columns, { prompt: 'Restore me, please.', winner: 'c1' }), vote: finishedVote(), spend: spendSnapshot() }),
    });
    // Streamed text reaches the saved state too (throttled while it streams).
    await h.sendAll(ANSWERS.map((answer, i) => ({ type: 'compare/delta', columnId: `c${i}`, text: answer })));
    await eventually(async () => {
      const saved = JSON.stringify(await h.savedState());
      return ANSWERS.every((answer) => saved.includes(JSON.stringify(answer).slice(1, 40)));
    }, 'the streamed text in the saved state');
    await h.page.locator('#tab-vote').click();

    await h.reload();
    // Nothing has been sent to the new page: what it shows comes from the saved state.
    const posted = await h.posted();
    assert.deepEqual(posted.map((p) => p.message), [{ type: 'webview/ready' }]);
    assert.ok((posted[0]?.appTextLength ?? 0) > 1000, 'the restored content was painted before webview/ready');
    assert.equal(await h.page.locator('#tab-vote').getAttribute('aria-selected'), 'true');
    assert.equal(await h.page.locator('#panel-vote').isVisible(), true);
    assert.equal(await h.page.locator('#vote-agreement').innerText(), '100% (Cluster 1)');
    assert.equal(await h.page.locator('#compare-prompt').inputValue(), 'Restore me, please.');
    assert.equal(await h.page.locator('.compare-column').count(), 3);
    for (const [i, answer] of ANSWERS.entries()) {
      assert.equal(await h.page.locator(`.compare-column[data-column-id="c${i}"] pre code`).first().textContent(), firstFence(answer));
    }
    assert.equal(await h.page.locator('.compare-column.is-winner').getAttribute('data-column-id'), 'c1');
    assert.equal(await h.page.locator('#spend-today').count(), 1);
    assert.deepEqual(h.events.pageErrors, []);
  });

  it('keeps a half-typed prompt and selection across snapshots unless the host changes them', async function () {
    const h = harness();
    const snapshot = (prompt: string, selected: string[]) => ({ type: 'panel/snapshot', snapshot: panelSnapshot({ compare: compareState([], { prompt, selected, running: false }) }) });
    await h.send(snapshot('Host prompt A', [MODELS[0]!.ref, MODELS[1]!.ref]));
    await h.page.locator('#compare-prompt').fill('My own draft');
    await h.page.locator('label[for="compare-model-2"]').click();
    await h.send(snapshot('Host prompt A', [MODELS[0]!.ref, MODELS[1]!.ref]));
    assert.equal(await h.page.locator('#compare-prompt').inputValue(), 'My own draft');
    assert.equal(await h.page.locator('#compare-model-2').isChecked(), true);
    // The host prefills a new prompt (from a new selection): it replaces the draft; the selection stays.
    await h.send(snapshot('Host prompt B', [MODELS[0]!.ref, MODELS[1]!.ref]));
    assert.equal(await h.page.locator('#compare-prompt').inputValue(), 'Host prompt B');
    assert.equal(await h.page.locator('#compare-model-2').isChecked(), true);
  });

  it('switches tabs with the arrow keys, Home and End, with one tab stop', async function () {
    const h = harness();
    await h.send({ type: 'panel/snapshot', snapshot: panelSnapshot() });
    await h.clearPosted();
    const page = h.page;
    const focused = () => page.evaluate(() => document.activeElement?.id);
    const selected = async () => (await page.locator('[role="tab"][aria-selected="true"]').getAttribute('id')) ?? '';
    await page.locator('#tab-compare').focus();
    const steps: [string, string][] = [
      ['ArrowRight', 'tab-vote'], ['ArrowRight', 'tab-evals'], ['ArrowRight', 'tab-spend'], ['ArrowRight', 'tab-compare'], ['ArrowLeft', 'tab-spend'], ['Home', 'tab-compare'], ['End', 'tab-spend'],
    ];
    for (const [key, expected] of steps) {
      await page.keyboard.press(key);
      assert.equal(await selected(), expected, `${key} selects ${expected}`);
      assert.equal(await focused(), expected, `${key} moves focus to ${expected}`);
      assert.equal(await page.locator(`#${expected.replace('tab-', 'panel-')}`).isVisible(), true);
    }
    assert.deepEqual(await page.locator('[role="tab"]').evaluateAll((tabs) => tabs.map((t) => (t as unknown as { tabIndex: number }).tabIndex)), [-1, -1, -1, 0]);
    assert.equal(await page.locator('#panel-compare').isHidden(), true);
    assert.deepEqual((await postedMessages(h)).map((m) => m.view), ['vote', 'evals', 'spend', 'compare', 'spend', 'compare', 'spend']);
    // Tab leaves the tab list for the panel's content: the other tabs are not tab stops.
    await page.locator('#tab-compare').click();
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'compare-models-filter', 'the filter comes first, then the grouped models');
  });

  it('enforces 2–6 models with a message and posts compare/run', async function () {
    const h = harness();
    await h.send({ type: 'panel/snapshot', snapshot: panelSnapshot({ compare: compareState([], { prompt: '', selected: [], running: false }) }) });
    await h.clearPosted();
    const page = h.page;
    assert.equal(await page.locator('#compare-run').isDisabled(), true);
    assert.equal(await page.locator('#compare-problem').innerText(), 'Choose 2–6 models (0 chosen).');
    for (let i = 0; i < 6; i++) await page.locator(`#compare-model-${i}`).check();
    await page.locator('#compare-model-6').click();
    assert.equal(await page.locator('#compare-model-6').isChecked(), false, 'a 7th model is refused');
    assert.match(await page.locator('#compare-models-message').innerText(), /At most 6 models/);
    for (let i = 2; i < 6; i++) await page.locator(`#compare-model-${i}`).uncheck();
    assert.equal(await page.locator('#compare-problem').innerText(), 'Write a prompt first.');
    await page.locator('#compare-prompt').fill('Explain CRDTs briefly.');
    await page.locator('#compare-attach').check();
    assert.equal(await page.locator('#compare-run').isEnabled(), true);
    await page.locator('#compare-run').click();
    await page.locator('#compare-prompt').press('Control+Enter');
    const run = { type: 'compare/run', prompt: 'Explain CRDTs briefly.', models: [MODELS[0]!.ref, MODELS[1]!.ref], attachFile: true };
    assert.deepEqual(await postedMessages(h), [run, run]);
  });

  it('posts every column action; Pick winner marks the column; failed and stopped columns offer Retry', async function () {
    const h = harness();
    const [c0, c1, c2, c3] = [0, 1, 2, 3].map((i) => waitingColumn(i));
    const columns: CompareColumn[] = [
      { ...c0!, status: 'done', text: ANSWERS[0]!, totalMs: 900 },
      { ...c1!, status: 'streaming', text: 'Partial…' },
      { ...c2!, status: 'failed', text: '', error: 'Anthropic key rejected (401). Run "Quorum: Set API Key".' },
      { ...c3!, status: 'stopped', text: ANSWERS[2]! },
    ];
    await h.send({ type: 'panel/snapshot', snapshot: panelSnapshot({ compare: compareState(columns) }) });
    await h.clearPosted();
    const page = h.page;
    const col = (id: string) => page.locator(`.compare-column[data-column-id="${id}"]`);
    await col('c0').locator('[data-action="copy"]').click();
    await col('c0').locator('[data-action="insert"]').focus();
    await page.keyboard.press('Enter');
    await col('c0').locator('[data-action="apply"]').click();
    await col('c0').locator('select[data-action="diffTarget"]').selectOption('c3');
    await col('c0').locator('[data-action="diff"]').click();
    await col('c0').locator('[data-action="pickWinner"]').click();
    await col('c1').locator('[data-action="stop"]').click();
    await page.locator('#compare-stop-all').click();
    await col('c2').locator('[data-action="retry"]').click();
    await col('c3').locator('[data-action="retry"]').click();
    assert.deepEqual(await postedMessages(h), [
      { type: 'compare/copy', columnId: 'c0' },
      { type: 'compare/insert', columnId: 'c0' },
      { type: 'compare/apply', columnId: 'c0' },
      { type: 'compare/diff', left: 'c0', right: 'c3' },
      { type: 'compare/pickWinner', columnId: 'c0' },
      { type: 'compare/stop', columnId: 'c1' },
      { type: 'compare/stop' },
      { type: 'compare/retry', columnId: 'c2' },
      { type: 'compare/retry', columnId: 'c3' },
    ]);
    assert.match((await col('c0').getAttribute('class')) ?? '', /is-winner/);
    assert.equal(await col('c0').locator('[data-action="pickWinner"]').getAttribute('aria-pressed'), 'true');
    assert.equal(await col('c0').locator('[data-role="winner"]').innerText(), 'Winner');
    assert.equal(await col('c2').locator('[data-role="error"]').innerText(), 'Anthropic key rejected (401). Run "Quorum: Set API Key".');
    assert.equal(await col('c2').locator('[data-action="copy"]').isDisabled(), true, 'nothing to copy');
    assert.equal(await col('c1').locator('[data-action="pickWinner"]').isDisabled(), true, 'no winner while it streams');
    assert.equal(await col('c0').locator('[data-action="stop"]').count(), 0, 'a settled column has no Stop');
    // Focus survives a column update: Stop goes away, focus moves to Copy.
    await col('c1').locator('[data-action="stop"]').focus();
    await h.send({ type: 'compare/column', column: info(columns[1]!, { status: 'stopped' }) });
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.action), 'copy');
    assert.equal(await col('c1').locator('[data-action="retry"]').count(), 1, 'a stopped column offers Retry');
  });

  it('renders a vote: answers, clusters, confidence, a failed and an invalid member, agreement, winner, why, judge and cost', async function () {
    const h = harness();
    const vote = finishedVote();
    await h.send({ type: 'panel/snapshot', snapshot: panelSnapshot({ view: 'vote', vote }) });
    const page = h.page;
    assert.equal(await page.locator('#panel-vote').isVisible(), true);
    assert.equal(await page.locator('#vote-agreement').innerText(), '100% (Cluster 1)');
    assert.equal(await page.locator('#vote-why').innerText(), vote.result!.why);
    assert.equal(await page.locator('#vote-cost').innerText(), '$0.0033 + 1 call of unknown cost');
    assert.equal(await page.locator('#vote-time').innerText(), '2,260 ms');
    assert.equal(await page.locator('#vote-winner strong').innerText(), 'Yes.');
    assert.equal(await page.locator('.vote-member').count(), 3);
    assert.equal(await page.locator('.vote-member.in-winner').count(), 2);
    const failed = page.locator(`.vote-member[data-ref="${MODELS[3]!.ref}"]`);
    assert.equal(await failed.locator('[data-role="status"]').innerText(), 'Failed');
    assert.equal(await failed.locator('[data-role="error"]').innerText(), 'HTTP 500 from the endpoint (serverError)');
    assert.match(await page.locator('.vote-member').first().innerText(), /Cluster 1[\s\S]*92%[\s\S]*\$0\.0012/);

    const judged = {
      ...vote,
      strategy: 'judge' as const,
      members: [...vote.members.slice(0, 2), { ref: MODELS[4]!.ref, label: MODELS[4]!.label, status: 'invalid' as const, error: 'Not valid {answer, confidence} JSON twice' }],
      result: { ...vote.result!, totalCostUsd: undefined, unpricedCalls: 4, judge: { ref: MODELS[6]!.ref, rationale: 'Answer **1** cites the Mersenne list.' } },
    };
    await h.send({ type: 'vote/state', vote: judged });
    assert.equal(await page.locator('#vote-cost').innerText(), 'unknown');
    assert.equal(await page.locator('#vote-judge code').innerText(), MODELS[6]!.ref);
    assert.equal(await page.locator('#vote-judge-rationale strong').innerText(), '1');
    assert.equal(await page.locator(`.vote-member[data-ref="${MODELS[4]!.ref}"] [data-role="status"]`).innerText(), 'Invalid');
    assert.equal(await page.locator('#vote-strategy').inputValue(), 'judge');
  });

  it('vote form: asks for an estimate as the form changes, shows it, checks early exit and posts vote/run and vote/stop', async function () {
    const h = harness();
    await h.send({ type: 'panel/snapshot', snapshot: panelSnapshot({ view: 'vote', vote: { ...EMPTY_VOTE_STATE, selected: [MODELS[0]!.ref, MODELS[1]!.ref], estimateUsd: 0.002 } }) });
    await h.clearPosted();
    const page = h.page;
    assert.equal(await page.locator('#vote-estimate').innerText(), 'Estimated cost: $0.0020');
    await page.locator('#vote-prompt').fill('Which is larger, 9.11 or 9.9?');
    await page.locator('#vote-strategy').selectOption('confidence');
    await eventually(async () => (await postedMessages(h)).some((m) => m.type === 'vote/draft'), 'the debounced draft');
    const drafts = (await postedMessages(h)).filter((m) => m.type === 'vote/draft');
    assert.deepEqual(drafts, [{ type: 'vote/draft', prompt: 'Which is larger, 9.11 or 9.9?', models: [MODELS[0]!.ref, MODELS[1]!.ref], strategy: 'confidence' }], 'one debounced draft');
    await h.send({ type: 'vote/estimate', estimateUsd: 0.01, unpricedModels: 1 });
    assert.equal(await page.locator('#vote-estimate').innerText(), 'Estimated cost: $0.0100 + 1 unpriced model');
    await page.locator('#vote-early-exit').fill('9');
    assert.match(await page.locator('#vote-problem').innerText(), /whole number from 2 to 6/);
    assert.equal(await page.locator('#vote-run').isDisabled(), true);
    await page.locator('#vote-early-exit').fill('2');
    await eventually(async () => (await postedMessages(h)).filter((m) => m.type === 'vote/draft').at(-1)?.earlyExitK === 2, 'a draft with early exit');
    assert.equal((await postedMessages(h)).filter((m) => m.type === 'vote/draft').at(-1)?.earlyExitK, 2, 'a draft after the debounce, with early exit');
    await h.clearPosted();
    await page.locator('#vote-run').click();
    assert.deepEqual((await postedMessages(h)).filter((m) => m.type === 'vote/run'), [
      { type: 'vote/run', prompt: 'Which is larger, 9.11 or 9.9?', models: [MODELS[0]!.ref, MODELS[1]!.ref], strategy: 'confidence', earlyExitK: 2 },
    ]);
    await h.send({ type: 'vote/state', vote: { ...EMPTY_VOTE_STATE, strategy: 'confidence', selected: [MODELS[0]!.ref, MODELS[1]!.ref], earlyExitK: 2, prompt: 'Which is larger, 9.11 or 9.9?', running: true, members: [{ ref: MODELS[0]!.ref, label: MODELS[0]!.label, status: 'streaming' }, { ref: MODELS[1]!.ref, label: MODELS[1]!.label, status: 'done', answer: '9.9' }] } });
    assert.equal(await page.locator('#vote-progress').innerText(), 'Voting… 1 of 2 answered.');
    assert.equal(await page.locator('#vote-run').isDisabled(), true);
    await h.clearPosted();
    await page.locator('#vote-stop').click();
    assert.deepEqual(await postedMessages(h), [{ type: 'vote/stop' }]);
  });

  it('renders the Spend tab with the spend view and posts its buttons', async function () {
    const h = harness();
    await h.send({ type: 'panel/snapshot', snapshot: panelSnapshot({ view: 'spend' }) });
    const page = h.page;
    assert.match(await page.locator('#panel-spend').innerText(), /Loading spend/);
    await h.send({ type: 'spend/snapshot', snapshot: spendSnapshot() });
    assert.match(await page.locator('#spend-today').innerText(), /\$0\.0123/);
    assert.equal(await page.locator('#spend-by-model tbody tr').count(), 1);
    await h.clearPosted();
    for (const id of ['spend-refresh', 'spend-export', 'spend-reset', 'spend-settings']) await page.locator(`#${id}`).click();
    assert.deepEqual(await postedMessages(h), [{ type: 'spend/refresh' }, { type: 'spend/export' }, { type: 'spend/reset' }, { type: 'spend/openSettings' }]);
  });

  it('charts spend per day in SVG: bars to scale, gridlines, day labels, unknown-cost markers, a summary and a table', async function () {
    const h = harness();
    await h.send({ type: 'panel/snapshot', snapshot: panelSnapshot({ view: 'spend' }) });
    await h.send({ type: 'spend/snapshot', snapshot: spendSnapshot() });
    const page = h.page;
    const chart = page.locator('#spend-daily-chart');
    assert.equal(await page.locator('#spend-daily-heading').innerText(), 'Spend per day — last 30 days');
    assert.equal(await chart.getAttribute('role'), 'img');
    assert.equal(await chart.getAttribute('aria-label'),
      'Spend per day, Dec 17 – Jan 15: $1.45 over 64 calls (2 of unknown cost, on 2 days); highest $0.4200 on Jan 12.');
    assert.equal(await chart.locator('.spend-chart-day').count(), 30);
    assert.equal(await chart.locator('.spend-chart-bar').count(), DAILY.filter((d) => d.costUsd > 0).length);
    assert.deepEqual(await chart.locator('.spend-chart-unknown').evaluateAll((nodes) => nodes.map((n) => n.parentElement?.getAttribute('data-day'))), ['2025-01-08', '2025-01-15']);
    // Max $0.42: three gridlines of $0.20 up to $0.60, and the baseline.
    assert.deepEqual(await chart.locator('.spend-chart-value').allTextContents(), ['$0.00', '$0.2000', '$0.4000', '$0.6000']);
    assert.deepEqual(await chart.locator('.spend-chart-label').allTextContents(), ['Jan 15', 'Jan 8', 'Jan 1', 'Dec 25', 'Dec 18']);
    // Bars share one scale: 12 January ($0.42) is 0.42 / 0.6 of the plot's height.
    const heights = await chart.locator('.spend-chart-day').evaluateAll((groups) => groups.map((g) => Number(g.querySelector('.spend-chart-bar')?.getAttribute('height') ?? 0)));
    const busiest = DAILY.findIndex((d) => d.day === '2025-01-12');
    assert.equal(Math.max(...heights), heights[busiest]);
    assert.ok(Math.abs((heights[busiest] ?? 0) - (0.42 / 0.6) * 164) < 0.02, String(heights[busiest]));
    assert.equal(await chart.locator('[data-day="2025-01-08"] title').textContent(), 'Jan 8: unknown (1 call)');
    // Theme colours arrive through the stylesheet's classes: no style attributes, no CSP reports.
    assert.equal(await page.locator('#spend-daily [style]').count(), 0);
    assert.equal(await chart.locator('.spend-chart-bar').first().evaluate((n) => getComputedStyle(n).fill), 'rgb(55, 148, 255)');
    assert.deepEqual(await h.cspViolations(), []);
    assert.match(await page.locator('#spend-daily-legend').innerText(), /Known cost\s+Calls of unknown cost/);
    // Screen readers: every day in a hidden table.
    const rows = page.locator('#spend-daily-table tbody tr');
    assert.equal(await rows.count(), 30);
    assert.deepEqual(await page.locator('#spend-daily-table tr[data-day="2025-01-15"] > *').allTextContents(), ['Jan 15', '$0.0123 + 1 unknown', '4']);
    assert.equal(await page.locator('#spend-daily-table').isVisible(), true); // in the accessibility tree, though 1px wide
    await page.locator('#spend-daily').screenshot({ path: resultPath('panel-spend-chart') });

    // Calls only before the last 30 days: the section stays, with its empty state.
    await h.send({ type: 'spend/snapshot', snapshot: { ...spendSnapshot(), daily: DAILY.map((d) => ({ ...d, costUsd: 0, calls: 0, unpricedCalls: 0 })) } });
    assert.equal(await page.locator('#spend-daily-chart').count(), 0);
    assert.equal(await page.locator('#spend-daily-empty').innerText(), 'No calls in the last 30 days.');
    assert.deepEqual(h.events.pageErrors, []);
  });

  it('ignores malformed and unknown host messages', async function () {
    const h = harness();
    const columns = [{ ...waitingColumn(0), status: 'done' as const, text: 'Kept.' }, { ...waitingColumn(1), status: 'done' as const, text: 'Also kept.' }];
    await h.send({ type: 'panel/snapshot', snapshot: panelSnapshot({ compare: compareState(columns) }) });
    await h.frames(2);
    const before = await h.page.locator('#app').innerHTML();
    await h.sendAll([
      null, 'compare/delta', 42, [], {}, { type: 'unknown' },
      { type: 'compare/delta', columnId: 'c0' },
      { type: 'compare/delta', columnId: 'c0', text: 5 },
      { type: 'compare/delta', columnId: 'nope', text: 'lost' },
      { type: 'compare/column', column: { id: 'c0', status: 'great' } },
      { type: 'panel/snapshot', snapshot: { ...panelSnapshot(), view: 'settings' } },
      { type: 'compare/state', compare: compareState(Array.from({ length: 7 }, (_, i) => waitingColumn(i))) },
      { type: 'vote/state', vote: { ...EMPTY_VOTE_STATE, strategy: 'dice' } },
      { type: 'compare/delta', columnId: 'c0', text: 'x'.repeat(2_000_001) },
    ]);
    await h.frames(2);
    assert.equal(await h.page.locator('#app').innerHTML(), before);
    assert.deepEqual(h.events.pageErrors, []);
  });
});
