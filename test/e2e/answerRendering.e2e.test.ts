// The shared answer renderer on the harness page (headless Chromium, the shipped CSP): per code block
// Copy / Insert / Apply (a block still streaming gets them when its fence closes; keyboard reachable; the
// message each button posts), math through KaTeX (and dollar amounts left alone), highlighted tokens with no
// box of their own. Panel columns, vote cards and the Answer view render through the same code.
import assert from 'node:assert/strict';
import { resultPath, useWebviewHarness, type WebviewHarness } from '../webview/harness';
import { compareState, EMPTY_VOTE_STATE, MODELS, panelSnapshot, waitingColumn } from '../webview/panelFixtures';

// Page globals used inside page.evaluate (the test project compiles without the DOM library).
declare const document: { activeElement: { getAttribute(name: string): string | null } | null; querySelectorAll(s: string): Iterable<unknown> };
declare function getComputedStyle(element: unknown): { backgroundColor: string; borderTopWidth: string; opacity: string };

const TWO_BLOCKS_START = 'First the helper:\n\n```ts\nexport const one = 1;\n```\n\nThen the call:\n\n```ts\nconsole.log(one';
const TWO_BLOCKS_END = ');\n```\n\nDone.';

async function codeActionsIn(h: WebviewHarness, selector: string): Promise<number> {
  return h.page.locator(`${selector} .code-block .code-actions`).count();
}

describe('Answer rendering: code block actions and math (harness page, headless Chromium)', function () {
  this.timeout(120_000);

  describe('in the Quorum panel', function () {
    const harness = useWebviewHarness({ view: 'panel' });
    const column = '.compare-column[data-column-id="c0"]';

    it('gives a streaming block its buttons only once its fence closes, and Apply posts that block', async function () {
      const h = harness();
      const streaming = { ...waitingColumn(0), status: 'streaming' as const, text: '' };
      await h.send({ type: 'panel/snapshot', snapshot: panelSnapshot({ compare: compareState([streaming, { ...waitingColumn(1), status: 'streaming', text: '' }]) }) });
      await h.send({ type: 'compare/delta', columnId: 'c0', text: TWO_BLOCKS_START });
      await h.frames(3);
      assert.equal(await h.page.locator(`${column} pre`).count(), 2, 'both blocks rendered');
      assert.equal(await codeActionsIn(h, column), 1, 'only the closed block has actions');
      await h.send({ type: 'compare/delta', columnId: 'c0', text: TWO_BLOCKS_END });
      await h.frames(3);
      assert.equal(await codeActionsIn(h, column), 2, 'the second block got its actions when its fence closed');

      await h.clearPosted();
      await h.page.locator(`${column} .code-block`).nth(1).hover();
      await h.page.locator(`${column} .code-block`).nth(1).locator('[data-code-action="apply"]').click();
      const posted = (await h.posted()).map((p) => p.message).filter((m) => m.type === 'codeBlock/action');
      assert.deepEqual(posted, [{ type: 'codeBlock/action', action: 'apply', code: 'console.log(one);\n', language: 'ts', source: MODELS[0]!.label }]);
      assert.deepEqual(await h.cspViolations(), []);
    });

    it('reaches the buttons by keyboard, shows them on focus, and names them for screen readers', async function () {
      const h = harness();
      const done = { ...waitingColumn(0), status: 'done' as const, text: '```python\nprint("hi")\n```' };
      await h.send({ type: 'panel/snapshot', snapshot: panelSnapshot({ compare: compareState([done, { ...waitingColumn(1), status: 'done', text: 'ok' }]) }) });
      await h.frames(3);
      const copy = h.page.locator(`${column} [data-code-action="copy"]`);
      assert.equal(await copy.getAttribute('aria-label'), 'Copy code block 1 (python)');
      assert.equal(await h.page.locator(`${column} .code-actions`).getAttribute('role'), 'toolbar');
      const hidden = await h.page.locator(`${column} .code-actions`).evaluate((e) => getComputedStyle(e).opacity);
      assert.equal(hidden, '0', 'hidden until hover or focus');
      await copy.focus();
      await h.page.keyboard.press('Tab');
      assert.equal(await h.page.evaluate(() => document.activeElement?.getAttribute('data-code-action') ?? null), 'insert', 'Tab moves along the toolbar');
      await h.page.waitForFunction(() => [...document.querySelectorAll('.code-actions')].some((e) => getComputedStyle(e).opacity === '1'));
      await h.clearPosted();
      await h.page.keyboard.press('Enter');
      const posted = (await h.posted()).map((p) => p.message).filter((m) => m.type === 'codeBlock/action');
      assert.deepEqual(posted.map((m) => m['action']), ['insert']);
    });

    it('gives a vote member\'s code blocks and the winner\'s their buttons too', async function () {
      const h = harness();
      const answer = 'Use this:\n\n```js\nconst x = 1;\n```';
      const vote = {
        ...EMPTY_VOTE_STATE, selected: [MODELS[0]!.ref, MODELS[1]!.ref], prompt: 'q', running: false,
        members: [{ ref: MODELS[0]!.ref, label: MODELS[0]!.label, status: 'done' as const, answer, normalised: 'x', cluster: 0 },
          { ref: MODELS[1]!.ref, label: MODELS[1]!.label, status: 'done' as const, answer, normalised: 'x', cluster: 0 }],
        result: { winner: answer, winnerCluster: 0, agreement: 1, why: 'agree', totalMs: 10, totalCostUsd: 0.001, unpricedCalls: 0 },
      };
      await h.send({ type: 'panel/snapshot', snapshot: panelSnapshot({ view: 'vote', vote }) });
      await h.frames(3);
      assert.equal(await codeActionsIn(h, '#vote-winner'), 1);
      assert.equal(await codeActionsIn(h, '#vote-members'), 2);
    });

    it('renders math with KaTeX as MathML, leaves dollar amounts as text, and keeps tokens free of boxes', async function () {
      const h = harness();
      const text = [
        'Let $p_1, \\dots, p_n$ be primes and \\(x^2\\) a square.',
        '',
        '$$\\sum_{i=1}^{n} \\frac{1}{p_i}$$',
        '',
        '\\[ e^{i\\pi} + 1 = 0 \\]',
        '',
        'It costs $5 and $10, or between $5-$10 a month.',
        '',
        '```ts\nconst total: number = price * 2; // doubled\n```',
      ].join('\n');
      const done = { ...waitingColumn(0), status: 'done' as const, text };
      await h.send({ type: 'panel/snapshot', snapshot: panelSnapshot({ compare: compareState([done, { ...waitingColumn(1), status: 'done', text: 'ok' }]) }) });
      await h.frames(3);
      const body = h.page.locator(`${column} .column-text`);
      assert.equal(await body.locator('math').count(), 4, 'two inline, two display formulas');
      assert.equal(await body.locator('math[display="block"]').count(), 2);
      assert.ok(await body.locator('math msub').count() >= 1, 'p_1 is a subscript');
      assert.match(await body.innerText(), /It costs \$5 and \$10, or between \$5-\$10 a month\./);
      assert.doesNotMatch(await body.innerText(), /\\dots|\\frac|\\\(/, 'no raw LaTeX left');
      assert.equal(await body.locator('annotation, semantics').count(), 0);
      const codeBackground = await body.locator('pre > code').evaluate((code) => getComputedStyle(code).backgroundColor);
      assert.equal(codeBackground, 'rgba(0, 0, 0, 0)', 'the block\'s code element has no box of its own (VS Code styles `code` with one)');
      const boxes = await body.locator('pre code span').evaluateAll((spans) => spans.map((s) => {
        const style = getComputedStyle(s);
        return `${style.backgroundColor}|${style.borderTopWidth}`;
      }));
      assert.ok(boxes.length >= 3, 'tokens are highlighted');
      assert.deepEqual([...new Set(boxes)], ['rgba(0, 0, 0, 0)|0px'], 'no token has a background or border');
      assert.deepEqual(await h.cspViolations(), []);
      await h.page.setViewportSize({ width: 700, height: 700 });
      await body.scrollIntoViewIfNeeded();
      await h.page.screenshot({ path: resultPath('answer-rendering-math-700') });
    });
  });

  describe('in the Answer view', function () {
    const harness = useWebviewHarness({ view: 'answer' });

    it('adds the actions to a streamed answer when its fence closes, and posts the block', async function () {
      const h = harness();
      const header = { status: 'Streaming', model: 'openai/gpt-6-luna', why: 'code', tokens: '—', cost: '—' };
      const snapshot = { id: 'a1', prompt: 'p', phase: 'streaming', header, segments: [{ text: '```ts\nconst a = 1;\n' }] };
      await h.send({ type: 'answer/snapshot', snapshot });
      await h.frames(3);
      assert.equal(await h.page.locator('#answer-body pre').count(), 1);
      assert.equal(await codeActionsIn(h, '#answer-body'), 0, 'still open: no actions yet');
      await h.send({ type: 'answer/append', id: 'a1', segment: 0, text: '```\n\nAnd $x_1$.' });
      await h.frames(3);
      assert.equal(await codeActionsIn(h, '#answer-body'), 1);
      assert.equal(await h.page.locator('#answer-body math').count(), 1);
      await h.clearPosted();
      await h.page.locator('#answer-body [data-code-action="copy"]').click();
      const posted = (await h.posted()).map((p) => p.message).filter((m) => m.type === 'codeBlock/action');
      assert.deepEqual(posted, [{ type: 'codeBlock/action', action: 'copy', code: 'const a = 1;\n', language: 'ts' }]);
      assert.deepEqual(await h.cspViolations(), []);
      await h.page.locator('#answer-body .code-block').hover();
      await h.page.screenshot({ path: resultPath('answer-rendering-answer-view') });
    });
  });
});
