// The Quorum panel renders model output inert: an XSS corpus (test/webview/xssCorpus.ts) sent as model
// output through every path — compare deltas (cut in three), a settled column, vote answers, the winner,
// the judge's rationale, and the text fields (labels, errors, finish reasons) — on the harness page in
// headless Chromium. Run twice: under the shipped CSP (which must never be needed), and with no CSP at
// all (the sanitiser alone). A control per run proves the checks would catch a payload that got through.
import assert from 'node:assert/strict';
import type { CompareColumn } from '../../src/shared/panelProtocol';
import { auditDom } from '../webview/domAudit';
import { HARNESS_ORIGIN, useWebviewHarness, type WebviewHarness } from '../webview/harness';
import { compareState, EMPTY_VOTE_STATE, MODELS } from '../webview/panelFixtures';
import { XSS_CORPUS, type XssVector } from '../webview/xssCorpus';

// Page globals used inside page.evaluate (the test project compiles without the DOM library).
declare const window: { __pwned?: unknown };
declare const document: {
  querySelectorAll(selector: string): Iterable<{ getAttribute(name: string): string | null }>;
  getElementById(id: string): { insertAdjacentHTML(position: string, html: string): void; lastElementChild: { remove(): void } | null } | null;
};

for (const csp of [true, false]) {
  describe(`Quorum panel webview: XSS corpus of ${XSS_CORPUS.length} vectors as model output (${csp ? 'shipped CSP' : 'no CSP: the sanitiser alone'})`, function () {
    this.timeout(60_000);
    const harness = useWebviewHarness({ view: 'panel', csp });

    for (const vector of XSS_CORPUS) {
      it(`#${vector.id} ${vector.name}: renders inert`, async function () {
        const h = harness();
        await renderVector(h, vector);
        await assertInert(h, vector);
        assert.notEqual((await h.page.locator('.compare-column[data-column-id="x1"] .column-text').innerText()).trim(), '', 'the vector was rendered');
        assert.notEqual((await h.page.locator('#vote-winner').innerText()).trim(), '', 'the vector was rendered in the vote');
      });
    }

    it('strips remote images from model output in the sanitiser, the CSP aside (issue 13, finding 10)', async function () {
      const h = harness();
      const beacon = '![chart](https://beacon.example/pixel.png?user=1) and ![inline](data:image/png;base64,iVBORw0KGgo=)';
      await renderVector(h, { id: 0, name: 'remote image beacon', payload: beacon });
      const sources = await h.page.evaluate(() => [...document.querySelectorAll('img')].map((img) => img.getAttribute('src') ?? ''));
      assert.ok(sources.every((src) => !src.includes('beacon.example')), `remote sources left: ${sources.join(', ')}`);
      assert.ok(sources.some((src) => src.startsWith('data:image/png')), 'an inline image is kept');
      assert.deepEqual(h.events.requests.filter((r) => r.url.includes('beacon.example')), [], 'the beacon was requested');
      assert.deepEqual((await h.cspViolations()).filter((v) => v.startsWith('img-src')), [], 'the CSP had to stop it');
    });

    it(csp ? 'control: the CSP blocks an inline handler injected without the sanitiser, and the checks see it' : 'control: a payload injected without the sanitiser runs, and the checks see it', async function () {
      const h = harness();
      await h.page.evaluate(() => document.getElementById('app')?.insertAdjacentHTML('beforeend', '<img src="x" onerror="window.__pwned=999">'));
      await h.page.waitForTimeout(300);
      const pwned = await h.page.evaluate(() => window.__pwned);
      assert.deepEqual(pwned, csp ? undefined : 999);
      if (csp) assert.ok((await h.cspViolations()).some((v) => v.startsWith('script-src')), 'the CSP reported the blocked handler');
      assert.ok((await h.page.evaluate(auditDom)).some((p) => p.startsWith('event handler <img onerror')), 'the DOM audit flags the handler');
      await h.page.evaluate(() => { document.getElementById('app')?.lastElementChild?.remove(); delete window.__pwned; });
    });
  });
}

/** The vector as every kind of model output: streamed in pieces, settled whole, as vote answers and rationale, and in text fields. */
async function renderVector(h: WebviewHarness, vector: XssVector): Promise<void> {
  const payload = vector.payload;
  const model = MODELS[0]!;
  const streaming: CompareColumn = { id: 'x1', ref: model.ref, label: `A ${payload}`.slice(0, 4000), provider: payload, status: 'streaming', text: '' };
  const settled: CompareColumn = { id: 'x2', ref: MODELS[1]!.ref, label: 'B', provider: 'P', status: 'failed', text: payload, error: payload, finishReason: payload };
  await h.send({ type: 'compare/state', compare: compareState([streaming, settled], { prompt: payload }) });
  // Cut in three, so a tag split across deltas is put back together in the view.
  const cuts = [0, Math.floor(payload.length / 3), Math.floor((2 * payload.length) / 3), payload.length];
  for (let i = 0; i < 3; i++) {
    await h.send({ type: 'compare/delta', columnId: 'x1', text: payload.slice(cuts[i], cuts[i + 1]) });
    await h.frames(1);
  }
  const { text: _text, ...streamingInfo } = streaming;
  await h.send({ type: 'compare/column', column: { ...streamingInfo, status: 'done', finishReason: payload } });
  await h.send({
    type: 'vote/state',
    vote: {
      ...EMPTY_VOTE_STATE,
      strategy: 'judge',
      prompt: payload,
      members: [{ ref: model.ref, label: payload.slice(0, 4000), status: 'done', answer: payload, normalised: payload, cluster: 0, error: payload }],
      result: { winner: payload, winnerCluster: 0, agreement: 1, why: payload.slice(0, 4000), unpricedCalls: 0, totalMs: 1, judge: { ref: model.ref, rationale: payload } },
    },
  });
  await h.frames(2);
  // Time for anything asynchronous a payload might set off (image errors, refreshes, toggles).
  await h.page.waitForTimeout(150);
}

async function assertInert(h: WebviewHarness, vector: XssVector): Promise<void> {
  const label = `vector #${vector.id} (${vector.name})`;
  assert.equal(await h.page.evaluate(() => window.__pwned), undefined, `${label} ran script`);
  assert.deepEqual(await h.page.evaluate(auditDom), [], `${label} left something dangerous in the DOM`);
  assert.deepEqual(h.events.dialogs, [], `${label} opened a dialog`);
  assert.deepEqual(h.events.navigations, [], `${label} navigated`);
  assert.deepEqual(h.events.frames, [], `${label} created a frame`);
  assert.deepEqual(h.events.requests, [], `${label} made a request`);
  assert.deepEqual(h.events.pageErrors, [], `${label} raised an error`);
  assert.deepEqual(await h.cspViolations(), [], `${label} needed the CSP to stop it`);
  assert.equal(h.page.url(), `${HARNESS_ORIGIN}/index.html`);
}
