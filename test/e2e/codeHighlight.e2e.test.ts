// Code in model answers is highlighted (highlight.js through markdown-it) and still sanitised: the
// harness page (test/webview/harness.ts) with the built panel bundle under the shipped CSP.
import assert from 'node:assert/strict';
import { useWebviewHarness } from '../webview/harness';
import { compareState, panelSnapshot, waitingColumn } from '../webview/panelFixtures';

const ANSWER = [
  'Here it is:',
  '```ts',
  '// sum two numbers',
  'export function add(a: number, b: number): number { return a + b; }',
  '```',
  'And in an unknown language:',
  '```brainfudge',
  '++[>+<-]',
  '```',
].join('\n');

describe('Code highlighting in answers (harness page, headless Chromium)', function () {
  this.timeout(120_000);
  const harness = useWebviewHarness({ view: 'panel' });

  it('highlights a known language with theme-coloured spans and leaves an unknown one as plain text', async function () {
    const h = harness();
    const column = { ...waitingColumn(0), status: 'done' as const, text: ANSWER };
    await h.send({ type: 'panel/snapshot', snapshot: panelSnapshot({ compare: compareState([column, { ...waitingColumn(1), status: 'done', text: 'ok' }]) }) });
    await h.frames(3);
    const blocks = h.page.locator('.compare-column[data-column-id="c0"] pre code');
    assert.equal(await blocks.count(), 2);
    assert.ok(await blocks.nth(0).locator('span.hljs-keyword').count() >= 2, 'keywords are marked');
    assert.equal(await blocks.nth(0).locator('span.hljs-comment').innerText(), '// sum two numbers');
    assert.match(await blocks.nth(0).innerText(), /export function add\(a: number, b: number\): number \{ return a \+ b; \}/);
    assert.equal(await blocks.nth(1).locator('span').count(), 0, 'an unknown language stays plain');
    assert.equal(await blocks.nth(1).innerText(), '++[>+<-]\n');
    assert.deepEqual(await h.cspViolations(), []);
  });
});
