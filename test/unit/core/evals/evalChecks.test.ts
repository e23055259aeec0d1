import assert from 'node:assert/strict';
import { compileBoundedRegex } from '../../../../src/core/evals/boundedRegex';
import { runCheck, type SyntaxChecker } from '../../../../src/core/evals/evalChecks';
import type { EvalCheck } from '../../../../src/core/evals/suiteSchema';

type Plain = Exclude<EvalCheck, { type: 'judge' }>;
const syntax: SyntaxChecker = (code) => (code.includes('{{') ? ['unexpected token'] : []);

const rows: ReadonlyArray<readonly [string, Plain, string, boolean, string?]> = [
  ['equals passes on the trimmed answer', { type: 'equals', value: '42' }, ' 42\n', true],
  ['equals fails otherwise', { type: 'equals', value: '42' }, '43', false, 'expected exactly "42"'],
  ['equals may ignore case', { type: 'equals', value: 'Paris', ignoreCase: true }, 'PARIS', true],
  ['contains passes', { type: 'contains', value: 'year' }, 'the year 1998', true],
  ['contains fails', { type: 'contains', value: 'Year' }, 'the year 1998', false, 'does not contain "Year"'],
  ['contains may ignore case', { type: 'contains', value: 'Year', ignoreCase: true }, 'the year', true],
  ['not-contains passes', { type: 'not-contains', value: 'sorry' }, 'Sure.', true],
  ['not-contains fails', { type: 'not-contains', value: 'sorry' }, 'I am sorry', false, 'contains "sorry"'],
  ['regex passes', { type: 'regex', value: '^\\d{4}$' }, '1998', true],
  ['regex fails', { type: 'regex', value: '^\\d{4}$' }, 'in 1998', false, 'does not match'],
  ['regex refuses a nested quantifier', { type: 'regex', value: '(a+)+$' }, 'aaaa', false, 'regex not run'],
  ['json-schema passes on a fenced object', { type: 'json-schema', value: { type: 'object', required: ['year'], properties: { year: { type: 'integer', minimum: 1900 } } } }, 'Here:\n```json\n{"year": 1998}\n```', true],
  ['json-schema fails a wrong type', { type: 'json-schema', value: { type: 'object', properties: { year: { type: 'integer' } } } }, '{"year": "1998"}', false, '$.year: expected integer, got string'],
  ['json-schema fails a missing property', { type: 'json-schema', value: { type: 'object', required: ['year'] } }, '{}', false, 'missing the required property "year"'],
  ['json-schema fails an unexpected property', { type: 'json-schema', value: { type: 'object', properties: {}, additionalProperties: false } }, '{"a":1}', false, 'unexpected property "a"'],
  ['json-schema fails an item out of range', { type: 'json-schema', value: { type: 'array', items: { enum: [1, 2] }, maxItems: 3 } }, '[1, 3]', false, '$[1]: not one of'],
  ['json-schema fails an unsupported keyword', { type: 'json-schema', value: { $ref: '#/x' } }, '{}', false, '"$ref" is not supported'],
  ['json-schema without a schema passes any JSON', { type: 'json-schema' }, '[1,2]', true],
  ['json-schema without a schema fails prose', { type: 'json-schema' }, 'no json here', false, 'not JSON'],
  ['code-compiles passes clean code', { type: 'code-compiles', value: 'ts' }, '```ts\nconst x = 1;\n```', true],
  ['code-compiles fails a syntax error', { type: 'code-compiles', value: 'ts' }, '```ts\nconst x = {{;\n```', false, 'syntax errors: unexpected token'],
  ['similar passes a normalised match', { type: 'similar', value: 'The answer is 1,000' }, 'one thousand', true],
  ['similar fails another answer', { type: 'similar', value: '1000' }, '1001', false, 'not the same answer'],
];

describe('runCheck', () => {
  for (const [name, check, answer, pass, detail] of rows) {
    it(name, () => {
      const result = runCheck(check, answer, { syntax });
      assert.equal(result.pass, pass, result.detail);
      assert.equal(result.type, check.type);
      if (detail !== undefined) assert.ok(result.detail?.includes(detail), result.detail);
      if (pass) assert.equal(result.detail, undefined);
    });
  }

  it('fails code-compiles (saying why) where no parser is available', () => {
    const result = runCheck({ type: 'code-compiles', value: 'js' }, '```js\nlet a = 1\n```');
    assert.equal(result.pass, false);
    assert.match(result.detail ?? '', /no TypeScript parser/);
  });

  it('runs a regex on at most the first 20 000 characters', () => {
    const long = `${'a'.repeat(20_000)}END`;
    assert.equal(runCheck({ type: 'regex', value: 'END' }, long).pass, false);
    assert.equal(runCheck({ type: 'regex', value: '^a' }, long).pass, true);
  });
});

describe('compileBoundedRegex', () => {
  // The last is safe, but looks like the others: the test is syntactic and conservative (documented).
  const refused = ['(a+)+', '(\\w*\\s?)*', '(x{2,})+', '((ab)*c)+', '(a)\\1', '(?<n>a)\\k<n>', '\\w+(?:\\s\\w+)*'];
  for (const pattern of refused) it(`refuses ${pattern}`, () => assert.ok(compileBoundedRegex(pattern).error));
  const allowed = ['^\\d{4}$', '[\\w\\s]+', '(foo|bar)+', 'a+b*'];
  for (const pattern of allowed) it(`allows ${pattern}`, () => assert.ok(compileBoundedRegex(pattern).regex));
  it('reports an invalid pattern', () => assert.match(compileBoundedRegex('(').error ?? '', /invalid pattern/));
});
