// The Vote tab's cascade and judge-panel controls on the harness page (test/webview/harness.ts), in
// headless Chromium with the shipped CSP: which controls each strategy shows, the messages they post, the
// keyboard, and how a cascade's steps and outcome render.
import assert from 'node:assert/strict';
import { parsePanelViewMessage } from '../../src/shared/panelProtocol';
import type { VoteLadderStep, VoteState } from '../../src/shared/voteProtocol';
import { eventually, resultPath, useWebviewHarness, type WebviewHarness } from '../webview/harness';
import { EMPTY_VOTE_STATE, MODELS, panelSnapshot } from '../webview/panelFixtures';

const [luna, sonnet, , , nano, , pro] = MODELS;
const LADDER: VoteLadderStep[] = [
  { ref: nano!.ref, label: nano!.label, tier: 'budget' },
  { ref: sonnet!.ref, label: sonnet!.label, tier: 'standard' },
  { ref: pro!.ref, label: pro!.label, tier: 'premium' },
];
const PROMPT = 'Is 2^61 - 1 prime? Answer yes or no.';

async function postedMessages(h: WebviewHarness) {
  const posted = await h.posted();
  for (const p of posted) assert.ok(parsePanelViewMessage(p.message), `the host accepts ${JSON.stringify(p.message)}`);
  return posted.map((p) => p.message);
}

/** A finished cascade: the budget model's reply was invalid, the standard one answered confidently enough. */
function finishedCascade(): VoteState {
  return {
    ...EMPTY_VOTE_STATE,
    strategy: 'cascade',
    runStrategy: 'cascade',
    cascadeThreshold: 0.7,
    ladder: LADDER,
    prompt: PROMPT,
    members: [
      { ref: nano!.ref, label: nano!.label, tier: 'budget', status: 'invalid', error: 'GPT-6 Nano gave no valid {answer, confidence}: the reply was not a JSON object.', costUsd: 0.0001, totalMs: 640 },
      { ref: sonnet!.ref, label: sonnet!.label, tier: 'standard', status: 'done', answer: '**Yes** — a Mersenne prime.', confidence: 0.91, costUsd: 0.0042, totalMs: 1810 },
    ],
    result: {
      winner: '**Yes** — a Mersenne prime.', winnerCluster: 0, agreement: 1,
      why: 'Escalated once: GPT-6 Nano gave no valid answer. Standard model Claude Sonnet 5.5 answered with confidence 0.91 ≥ 0.70.',
      totalCostUsd: 0.0043, unpricedCalls: 0, totalMs: 2450,
      cascade: { threshold: 0.7, accepted: true, stopped: false, step: 1, confidence: 0.91 },
    },
  };
}

describe('Quorum panel webview: cascade and judge panel (harness page, headless Chromium)', function () {
  this.timeout(120_000);
  const harness = useWebviewHarness({ view: 'panel' });

  it('cascade: hides the voters and early exit, shows the ladder and threshold, and posts the threshold', async function () {
    const h = harness();
    const two = [luna!.ref, sonnet!.ref];
    await h.send({ type: 'panel/snapshot', snapshot: panelSnapshot({ view: 'vote', vote: { ...EMPTY_VOTE_STATE, selected: two, ladder: LADDER, cascadeThreshold: 0.7, estimateUsd: 0.002 } }) });
    await h.clearPosted();
    const page = h.page;
    assert.equal(await page.locator('#vote-models').isVisible(), true);
    assert.equal(await page.locator('#vote-ladder').isVisible(), false);
    assert.equal(await page.locator('#vote-cascade-threshold').isVisible(), false);
    assert.equal(await page.locator('#vote-judge-panel').isVisible(), false);
    assert.deepEqual(await page.locator('#vote-strategy option').allTextContents(), [
      'Majority — normalised answers, the largest cluster wins', 'Confidence-weighted — each model rates its own answer',
      'Judge — a judge model picks the best answer', 'Cascade — cheapest first, escalate while unsure',
    ]);

    await page.locator('#vote-prompt').fill(PROMPT);
    await page.locator('#vote-strategy').selectOption('cascade');
    await eventually(async () => (await postedMessages(h)).some((m) => m.type === 'vote/draft'), 'the debounced draft');
    assert.equal(await page.locator('#vote-models').isVisible(), false, 'the ladder is automatic: no voters to choose');
    assert.equal(await page.locator('#vote-early-exit').isVisible(), false);
    assert.equal(await page.locator('#vote-ladder').innerText(),
      'Ladder (automatic, cheapest first; the next tier is asked while the answer’s confidence is below the threshold): GPT-6 Nano (budget) → Claude Sonnet 5.5 (standard) → Gemini 3 Pro (premium).');
    const threshold = page.locator('#vote-cascade-threshold');
    assert.equal(await threshold.isVisible(), true);
    assert.equal(await threshold.inputValue(), '0.7');
    assert.equal(await page.locator('label[for="vote-cascade-threshold"]').innerText(), 'Accept at confidence ≥');
    assert.deepEqual([await threshold.getAttribute('min'), await threshold.getAttribute('max'), await threshold.getAttribute('step')], ['0', '1', '0.05']);
    assert.equal(await page.locator('#vote-run').innerText(), 'Run cascade');
    assert.deepEqual((await postedMessages(h)).filter((m) => m.type === 'vote/draft'), [
      { type: 'vote/draft', prompt: PROMPT, models: two, strategy: 'cascade', cascadeThreshold: 0.7 },
    ], 'one debounced draft, with the threshold and without early exit');

    await h.send({ type: 'vote/estimate', estimateUsd: 0.03, unpricedModels: 0, ladder: LADDER });
    assert.equal(await page.locator('#vote-estimate').innerText(), 'Estimated cost (worst case: every step): $0.0300');

    await threshold.fill('1.5');
    assert.match(await page.locator('#vote-problem').innerText(), /number from 0 to 1/);
    assert.equal(await page.locator('#vote-run').isDisabled(), true);
    // Keyboard: the arrow keys step the threshold by 0.05.
    await threshold.fill('0.85');
    await threshold.press('ArrowUp');
    assert.equal(await threshold.inputValue(), '0.9');
    await eventually(async () => (await postedMessages(h)).filter((m) => m.type === 'vote/draft').at(-1)?.cascadeThreshold === 0.9, 'a draft with the new threshold');
    assert.equal((await postedMessages(h)).filter((m) => m.type === 'vote/draft').at(-1)?.cascadeThreshold, 0.9);
    await h.clearPosted();
    await page.locator('#vote-prompt').press('Control+Enter');
    assert.deepEqual((await postedMessages(h)).filter((m) => m.type === 'vote/run'), [
      { type: 'vote/run', prompt: PROMPT, models: two, strategy: 'cascade', cascadeThreshold: 0.9 },
    ]);

    await h.send({ type: 'vote/state', vote: {
      ...finishedCascade(), cascadeThreshold: 0.9, running: true, result: undefined,
      members: [finishedCascade().members[0]!, { ref: sonnet!.ref, label: sonnet!.label, tier: 'standard', status: 'waiting' }],
    } });
    assert.equal(await page.locator('#vote-progress').innerText(), 'Cascade… asking Claude Sonnet 5.5 (step 2 of 3).');
    assert.equal(await page.locator('#vote-run').isDisabled(), true);
    await h.clearPosted();
    await page.locator('#vote-stop').click();
    assert.deepEqual(await postedMessages(h), [{ type: 'vote/stop' }]);
    assert.deepEqual(h.events.pageErrors, []);
    assert.deepEqual(await h.cspViolations(), []);
  });

  it('renders a cascade: each step with its tier, the accepted step, confidence against the threshold, why, cost and time', async function () {
    const h = harness();
    const vote = finishedCascade();
    await h.send({ type: 'panel/snapshot', snapshot: panelSnapshot({ view: 'vote', vote }) });
    const page = h.page;
    assert.equal(await page.locator('#vote-result-heading').innerText(), 'Answer');
    assert.equal(await page.locator('#vote-winner strong').innerText(), 'Yes');
    assert.equal(await page.locator('#vote-cascade-confidence').innerText(), '91% (threshold 70%)');
    assert.equal(await page.locator('#vote-agreement').count(), 0, 'a cascade has no clusters');
    assert.equal(await page.locator('#vote-why').innerText(), vote.result!.why);
    assert.equal(await page.locator('#vote-cost').innerText(), '$0.0043');
    assert.equal(await page.locator('#vote-time').innerText(), '2,450 ms');
    assert.equal(await page.locator('#vote-results h3').last().innerText(), 'Steps');
    const steps = page.locator('.vote-member');
    assert.equal(await steps.count(), 2);
    assert.equal(await steps.nth(0).locator('[data-role="status"]').innerText(), 'Invalid');
    assert.match(await steps.nth(0).innerText(), /Step 1 · budget/);
    assert.equal(await steps.nth(0).getAttribute('aria-label'), 'Step 1 · budget: GPT-6 Nano: Invalid');
    assert.equal(await page.locator('.vote-member.in-winner').count(), 1);
    assert.equal(await page.locator(`.vote-member.in-winner`).getAttribute('data-ref'), sonnet!.ref);
    assert.equal(await page.locator('.vote-member.in-winner .winner-badge').innerText(), 'Accepted');
    assert.match(await steps.nth(1).innerText(), /Step 2 · standard[\s\S]*91%[\s\S]*\$0\.0042/);
    await page.screenshot({ path: resultPath('panel-vote-cascade-harness') });

    // No model gave a valid answer: no winner, the reason instead.
    const none = {
      ...vote,
      members: vote.members.map((m) => ({ ...m, status: 'invalid' as const, answer: undefined, confidence: undefined })),
      result: { ...vote.result!, winner: '', agreement: 0, why: 'No confident answer: no model gave a valid {answer, confidence} (2 models asked: …).', cascade: { threshold: 0.7, accepted: false, stopped: false } },
    };
    await h.send({ type: 'vote/state', vote: none });
    assert.equal(await page.locator('#vote-result-heading').innerText(), 'No confident answer');
    assert.equal(await page.locator('#vote-winner').count(), 0);
    assert.equal(await page.locator('#vote-cascade-confidence').count(), 0);
    assert.equal(await page.locator('.vote-member.in-winner').count(), 0);

    // The ladder used up below the threshold: the most confident answer, marked as such.
    await h.send({ type: 'vote/state', vote: { ...vote, result: { ...vote.result!, cascade: { threshold: 0.95, accepted: false, stopped: false, step: 1, confidence: 0.91 } } } });
    assert.equal(await page.locator('#vote-result-heading').innerText(), 'Best answer (below the threshold)');
    assert.equal(await page.locator('.vote-member.in-winner .winner-badge').innerText(), 'Most confident');
    assert.deepEqual(h.events.pageErrors, []);
  });

  it('judge: the "Panel of three judges" checkbox shows for the judge strategy only and goes with its messages', async function () {
    const h = harness();
    const two = [luna!.ref, sonnet!.ref];
    await h.send({ type: 'panel/snapshot', snapshot: panelSnapshot({ view: 'vote', vote: { ...EMPTY_VOTE_STATE, selected: two, prompt: PROMPT, judgePanel: false } }) });
    await h.clearPosted();
    const page = h.page;
    const panel = page.locator('#vote-judge-panel');
    assert.equal(await panel.isVisible(), false);
    await page.locator('#vote-strategy').selectOption('judge');
    assert.equal(await panel.isVisible(), true);
    assert.equal(await page.locator('label[for="vote-judge-panel"]').innerText(), 'Panel of three judges');
    assert.equal(await page.locator('#vote-models').isVisible(), true, 'a judge vote still has voters');
    await panel.focus();
    await page.keyboard.press('Space');
    assert.equal(await panel.isChecked(), true);
    await eventually(async () => (await postedMessages(h)).filter((m) => m.type === 'vote/draft').at(-1)?.judgePanel === true, 'a draft with the judge panel');
    assert.deepEqual((await postedMessages(h)).filter((m) => m.type === 'vote/draft').at(-1), { type: 'vote/draft', prompt: PROMPT, models: two, strategy: 'judge', judgePanel: true });
    await h.clearPosted();
    await page.locator('#vote-run').click();
    assert.deepEqual(await postedMessages(h), [{ type: 'vote/run', prompt: PROMPT, models: two, strategy: 'judge', judgePanel: true }]);

    await page.locator('#vote-strategy').selectOption('majority');
    assert.equal(await panel.isVisible(), false);
    await eventually(async () => (await postedMessages(h)).filter((m) => m.type === 'vote/draft').at(-1)?.strategy === 'majority', 'a majority draft');
    assert.deepEqual((await postedMessages(h)).filter((m) => m.type === 'vote/draft').at(-1), { type: 'vote/draft', prompt: PROMPT, models: two, strategy: 'majority' }, 'the judge setting goes only with the judge strategy');
    // Back to the judge: the choice is kept.
    await page.locator('#vote-strategy').selectOption('judge');
    assert.equal(await panel.isChecked(), true);
    assert.deepEqual(h.events.pageErrors, []);
  });
});
