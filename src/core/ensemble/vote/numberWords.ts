/**
 * English number words → a number, so "twenty-one" and "21" vote together. Only whole phrases that are
 * nothing but a number ("one thousand and five") are read; anything else is left to the caller as text.
 */

const UNITS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};
const TEENS: Readonly<Record<string, number>> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Readonly<Record<string, number>> = { thousand: 1_000, million: 1_000_000, billion: 1_000_000_000 };

type Kind = 'none' | 'unit' | 'teen' | 'tens' | 'hundred' | 'scale' | 'and';

/**
 * Which word kinds may follow which: this rejects "one two" (not 3) and "twenty ten", which are lists or
 * typos rather than numbers, while accepting "fifteen hundred" and "two hundred and six".
 */
const MAY_FOLLOW: Readonly<Record<Exclude<Kind, 'none'>, readonly Kind[]>> = {
  unit: ['none', 'tens', 'hundred', 'scale', 'and'],
  teen: ['none', 'hundred', 'scale', 'and'],
  tens: ['none', 'hundred', 'scale', 'and'],
  hundred: ['unit', 'teen'],
  scale: ['unit', 'teen', 'tens', 'hundred'],
  and: ['hundred', 'scale'],
};

/**
 * The value of `words` (lower-case, already split on spaces and hyphens), or `undefined` when they are not
 * one well-formed English number. "zero" only stands alone.
 */
export function numberFromWords(words: readonly string[]): number | undefined {
  if (words.length === 0) return undefined;
  let total = 0;
  let current = 0;
  let last: Kind = 'none';
  for (const word of words) {
    const kind = kindOf(word);
    if (kind === undefined || !MAY_FOLLOW[kind].includes(last)) return undefined;
    if (kind === 'unit' && word === 'zero' && words.length > 1) return undefined;
    switch (kind) {
      case 'unit':
        current += UNITS[word] ?? 0;
        break;
      case 'teen':
        current += TEENS[word] ?? 0;
        break;
      case 'tens':
        current += TENS[word] ?? 0;
        break;
      case 'hundred':
        current *= 100;
        break;
      case 'scale':
        total += current * (SCALES[word] ?? 1);
        current = 0;
        break;
      case 'and':
        break;
    }
    last = kind;
  }
  return last === 'and' ? undefined : total + current;
}

/** `Object.hasOwn`, not `in`: words such as "constructor" must not match the prototype. */
function kindOf(word: string): Exclude<Kind, 'none'> | undefined {
  if (Object.hasOwn(UNITS, word)) return 'unit';
  if (Object.hasOwn(TEENS, word)) return 'teen';
  if (Object.hasOwn(TENS, word)) return 'tens';
  if (word === 'hundred') return 'hundred';
  if (Object.hasOwn(SCALES, word)) return 'scale';
  if (word === 'and') return 'and';
  return undefined;
}
