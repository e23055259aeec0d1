import assert from 'node:assert/strict';
import { rubricMessages, rubricVerdict } from '../../../../src/core/evals/rubricJudge';

describe('rubricJudge', () => {
  it('asks with the rubric, the prompt and the answer', () => {
    const messages = rubricMessages('names Paris', 'Capital of France?', 'Paris.');
    assert.equal(messages[0]?.role, 'system');
    const user = String(messages[1]?.content);
    for (const part of ['names Paris', 'Capital of France?', 'Paris.']) assert.ok(user.includes(part));
  });

  const table: ReadonlyArray<readonly [string, string, boolean, string | undefined]> = [
    ['a pass', '{"pass": true, "reason": "ok"}', true, undefined],
    ['a fenced fail with its reason', '```json\n{"pass": false, "reason": "Says Lyon."}\n```', false, 'Says Lyon.'],
    ['a fail without reason', '{"pass": false}', false, 'does not meet the rubric'],
    ['an unreadable reply', 'I think it passes', false, 'the judge gave no readable verdict'],
  ];
  for (const [name, reply, pass, detail] of table) {
    it(`reads ${name}`, () => assert.deepEqual(rubricVerdict(reply), { type: 'judge', pass, ...(detail !== undefined ? { detail } : {}) }));
  }
});
