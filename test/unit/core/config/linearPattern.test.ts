import assert from 'node:assert/strict';
import { LinearPattern, MAX_PATTERN_PROGRAM } from '../../../../src/core/config/linearPattern';

describe('LinearPattern: routing-rule patterns in linear time (issue 13, finding 5)', () => {
  // Each pattern is checked against JavaScript's own engine on every text: same answers, case-insensitively.
  const patterns = [
    'sql', '^explain', 'proof$', '\\bproof\\b', '\\Broo', 'colou?r', 'a{2,3}b', 'x{2}', 'ab{1,}c', 'select.*from', '(?:foo|bar)baz', 'foo|bar|qux',
    '[a-c]+d', '[^0-9]', '\\d{3}-\\d{4}', '\\w+@\\w+\\.com', '\\s\\S', 'a.c', '^$', '(a|b)*c', '(?<word>ab)+', '\\.py\\b', '[A-Z]{2}', 'é', '\\x41\\u0042',
    '[\\d.]+', '[-a]', 'a{0,2}?b', '(a*)*b',
  ];
  const texts = ['', 'SQL please', 'Explain this', 'a math proof', 'reproof', 'color COLOUR', 'aab aaab', 'xx', 'abbbc', 'SELECT a FROM b', 'foobaz barbaz',
    'qux', 'abcd', '123', '555-1234', 'me@home.com', ' x', 'abc', 'aAbBc', 'ababab', 'main.py', 'Aa', 'café', 'AB', '3.14', '-', 'b', 'aaaaab'];
  for (const source of patterns) {
    it(`matches like RegExp: /${source}/i`, () => {
      const linear = new LinearPattern(source);
      const native = new RegExp(source, 'i');
      for (const text of texts) assert.equal(linear.test(text), native.test(text), `/${source}/i on ${JSON.stringify(text)}`);
    });
  }

  // Backtracking engines take exponential (or high polynomial) time on these; 28 characters froze the host for 20 s.
  const catastrophic: [string, boolean][] = [
    ['^(a+)+$', false], ['(a|a)*b', false], ['(a*)*b', false], ['a*a*a*a*b', false], ['(\\w+\\s?)*$', true], ['^(([a-z])+.)+[A-Z]([a-z])+$', false],
  ];
  for (const [source, expected] of catastrophic) {
    it(`answers /${source}/ on 20,000 characters in well under a second`, () => {
      const started = Date.now();
      assert.equal(new LinearPattern(source).test(`${'a'.repeat(20_000)}!`), expected);
      assert.ok(Date.now() - started < 1_000, `${Date.now() - started} ms`);
    });
  }

  const rejected: [string, RegExp][] = [
    ['(a)\\1', /backreferences are not supported/],
    ['foo(?=bar)', /lookahead and lookbehind are not supported/],
    ['(?<!x)y', /lookahead and lookbehind are not supported/],
    ['a{1000}', /repetition counts above 100/],
    ['(((a{100}){100}){100})', /too complex/],
    ['(ab', /missing '\)'/],
    ['ab)', /unmatched '\)'/],
    ['*a', /nothing to repeat/],
    ['[z-a]', /range out of order/],
  ];
  for (const [source, message] of rejected) it(`rejects /${source}/ with a clear message`, () => assert.throws(() => new LinearPattern(source), message));

  it('bounds the compiled program', () => assert.ok(MAX_PATTERN_PROGRAM >= 1_000));
  it('shows as a regular expression', () => assert.equal(String(new LinearPattern('^why')), '/^why/i'));
});
