import assert from 'node:assert/strict';
import { canonicalJson, normaliseAnswer } from '../../../../../src/core/ensemble/vote/normalise';
import { numberFromWords } from '../../../../../src/core/ensemble/vote/numberWords';

interface PairRow {
  readonly name: string;
  readonly a: string;
  readonly b: string;
  /** Whether the two answers must vote together. */
  readonly same: boolean;
}

const PAIRS: readonly PairRow[] = [
  // Case and whitespace.
  { name: 'case', a: 'Paris', b: 'PARIS', same: true },
  { name: 'surrounding and inner whitespace', a: '  new   york \n', b: 'New York', same: true },
  { name: 'different words stay different', a: 'Paris', b: 'Lyon', same: false },
  // Punctuation, quotes, trailing period.
  { name: 'trailing period', a: 'Paris.', b: 'Paris', same: true },
  { name: 'double quotes', a: '"Paris"', b: 'Paris', same: true },
  { name: 'curly quotes', a: '“Paris”', b: 'paris', same: true },
  { name: 'punctuation separates words', a: 'well-known', b: 'well known', same: true },
  { name: 'apostrophes join', a: "don't", b: 'dont', same: true },
  { name: 'markdown emphasis', a: '**Paris**', b: 'Paris', same: true },
  // Labels.
  { name: 'Answer: label', a: 'Answer: 42', b: '42', same: true },
  { name: 'The answer is', a: 'The answer is 42.', b: '42', same: true },
  { name: 'The final answer is:', a: 'The final answer is: Paris', b: 'paris', same: true },
  { name: 'bold label', a: '**Answer:** Paris', b: 'Paris', same: true },
  { name: 'Result: label', a: 'Result: 7', b: '7', same: true },
  { name: 'a noun without its colon is not a label', a: 'Result set', b: 'set', same: false },
  // Numbers.
  { name: 'thousands comma', a: '1,000', b: '1000', same: true },
  { name: 'trailing .0', a: '1000.0', b: '1000', same: true },
  { name: 'comma and decimals', a: '1,234.50', b: '1234.5', same: true },
  { name: 'number inside a sentence', a: 'There are 1,000 apples.', b: 'there are 1000 apples', same: true },
  { name: 'decimal point survives', a: '3.14', b: '314', same: false },
  { name: 'sign survives', a: '-5', b: '5', same: false },
  { name: 'plus sign dropped', a: '+5', b: '5', same: true },
  { name: 'number words', a: 'forty-two', b: '42', same: true },
  { name: 'compound number words', a: 'one thousand and five', b: '1005', same: true },
  { name: 'percent', a: '50 percent', b: '50%', same: true },
  { name: 'percent is not the bare number', a: '50%', b: '50', same: false },
  { name: 'an ordinal stays a word', a: '3rd', b: '3', same: false },
  // Yes / no.
  { name: 'yeah = yes', a: 'Yeah', b: 'yes', same: true },
  { name: 'true = yes', a: 'True.', b: 'Yes', same: true },
  { name: 'correct = yes', a: 'Correct', b: 'yes', same: true },
  { name: 'nope = no', a: 'Nope!', b: 'No', same: true },
  { name: 'false = no', a: 'false', b: 'no', same: true },
  { name: 'yes is not no', a: 'yes', b: 'no', same: false },
  { name: 'a single letter y stays a letter', a: 'y', b: 'yes', same: false },
  { name: 'a sentence starting with yes is not yes', a: 'Yes, but only on Sundays', b: 'yes', same: false },
  // JSON.
  { name: 'JSON key order', a: '{"b": 1, "a": 2}', b: '{"a":2,"b":1}', same: true },
  { name: 'nested JSON key order and whitespace', a: '{"x": {"d": [1, 2], "c": null}}', b: '{ "x" : { "c" : null , "d" : [ 1 , 2 ] } }', same: true },
  { name: 'JSON array order matters', a: '[1, 2]', b: '[2, 1]', same: false },
  { name: 'JSON numbers canonical', a: '{"n": 1000.0}', b: '{"n": 1000}', same: true },
  { name: 'fenced JSON', a: '```json\n{"b": 1, "a": 2}\n```', b: '{"a": 2, "b": 1}', same: true },
  { name: 'labelled JSON', a: 'Answer: {"a": 1}', b: '{"a":1}', same: true },
  { name: 'JSON string values keep their case', a: '{"a": "Yes"}', b: '{"a": "yes"}', same: false },
  // Code.
  { name: 'code whitespace', a: '```js\nconst x = 1;\n```', b: '```js\nconst x=1;\n```', same: true },
  { name: 'code // comments', a: '```ts\nconst x = 1; // one\n```', b: '```ts\nconst x = 1;\n```', same: true },
  { name: 'code /* */ comments', a: '```c\nint /* the */ x = 1;\n```', b: '```c\nint x = 1;\n```', same: true },
  { name: 'python # comments', a: '```python\nx = 1  # one\n```', b: '```python\nx = 1\n```', same: true },
  { name: 'prose around a fence is ignored', a: 'Here you go:\n```js\nf()\n```\nHope it helps!', b: '```js\nf()\n```', same: true },
  { name: 'whitespace inside string literals matters', a: '```js\nlog("a b")\n```', b: '```js\nlog("ab")\n```', same: false },
  { name: 'a template literal keeps its line breaks and indentation', a: '```js\nconst s = `a\n  b`;\n```', b: '```js\nconst s = `a\nb`;\n```', same: false },
  { name: 'a stray apostrophe does not swallow the next lines', a: "```\nit's\nx = 1\n```", b: "```\nit's\nx=1\n```", same: true },
  { name: 'untagged fence: both comment styles', a: '```\nx = 1 # a\ny = 2 // b\n```', b: '```\nx=1\ny=2\n```', same: true },
  { name: 'comment markers inside strings are kept', a: '```js\nurl("http://x")\n```', b: '```js\nurl("http:")\n```', same: false },
  { name: 'python // is floor division, not a comment', a: '```python\na // b\n```', b: '```python\na // c\n```', same: false },
  { name: 'different code differs', a: '```js\nf(1)\n```', b: '```js\nf(2)\n```', same: false },
  { name: 'code never equals text', a: '```\nyes\n```', b: 'yes', same: false },
  { name: 'unterminated fence (cut-off answer)', a: '```js\nf( )', b: '```js\nf()\n```', same: true },
];

interface KeyRow {
  readonly input: string;
  readonly key: string;
}

const KEYS: readonly KeyRow[] = [
  { input: '', key: '' },
  { input: '   \n ', key: '' },
  { input: '"."', key: '' },
  { input: 'Yes.', key: 'text:yes' },
  { input: 'The answer is 1,000.0', key: 'text:1000' },
  { input: 'twenty-one', key: 'text:21' },
  { input: 'Result', key: 'text:result' },
  { input: '{"b":1,"a":[true,"x"]}', key: 'json:{"a":[true,"x"],"b":1}' },
  { input: '```js\n/* c */ let  a = "x y"; // d\n```', key: 'code:leta="x y";' },
];

describe('normaliseAnswer', () => {
  for (const row of PAIRS) {
    it(`${row.same ? 'same' : 'different'}: ${row.name}`, () => {
      const [ka, kb] = [normaliseAnswer(row.a), normaliseAnswer(row.b)];
      if (row.same) assert.equal(ka, kb);
      else assert.notEqual(ka, kb);
    });
  }

  for (const row of KEYS) {
    it(`key of ${JSON.stringify(row.input)} is ${JSON.stringify(row.key)}`, () => {
      assert.equal(normaliseAnswer(row.input), row.key);
    });
  }

  it('is deterministic: the same input always gives the same key', () => {
    const input = 'The answer is **One Thousand**.';
    assert.equal(normaliseAnswer(input), normaliseAnswer(input));
    assert.equal(normaliseAnswer(input), 'text:1000');
  });

  it('canonicalJson leaves scalars and broken JSON to the text path', () => {
    assert.equal(canonicalJson('42'), undefined);
    assert.equal(canonicalJson('{"a":'), undefined);
    assert.equal(canonicalJson('[ ]'), '[]');
  });
});

describe('numberFromWords', () => {
  const rows: readonly [string, number | undefined][] = [
    ['zero', 0],
    ['seven', 7],
    ['nineteen', 19],
    ['ninety nine', 99],
    ['fifteen hundred', 1500],
    ['two hundred and six', 206],
    ['one million two hundred thousand', 1_200_000],
    ['one two', undefined],
    ['twenty ten', undefined],
    ['hundred', undefined],
    ['zero one', undefined],
    ['five and', undefined],
    ['constructor', undefined],
    ['', undefined],
  ];
  for (const [text, value] of rows) {
    it(`${JSON.stringify(text)} → ${String(value)}`, () => {
      assert.equal(numberFromWords(text === '' ? [] : text.split(/[\s-]+/u)), value);
    });
  }
});
