/**
 * The parser of `linearPattern.ts`: JavaScript regular-expression syntax without the features that need
 * backtracking (backreferences, lookaround), into a small tree the matcher compiles. Throws `SyntaxError` with a
 * message fit for the user.
 */

/** Tests one (lower-cased) character. */
export type CharTest = (char: string) => boolean;

export type Node =
  | { readonly kind: 'char'; readonly test: CharTest }
  | { readonly kind: 'seq'; readonly items: readonly Node[] }
  | { readonly kind: 'alt'; readonly options: readonly Node[] }
  | { readonly kind: 'repeat'; readonly item: Node; readonly min: number; readonly max: number | undefined }
  | { readonly kind: 'assert'; readonly at: 'start' | 'end' | 'boundary' | 'notBoundary' };

/** Largest `{n,m}` count accepted: larger ones would blow up the compiled program. */
export const MAX_REPEAT = 100;

const isWord: CharTest = (c) => /\w/.test(c);
const isDigit: CharTest = (c) => c >= '0' && c <= '9';
const isSpace: CharTest = (c) => /\s/.test(c);
const CLASS_ESCAPES: Readonly<Record<string, CharTest>> = {
  d: isDigit, D: (c) => !isDigit(c), w: isWord, W: (c) => !isWord(c), s: isSpace, S: (c) => !isSpace(c),
};
const CONTROL: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };

function literal(char: string): CharTest {
  const lower = char.toLowerCase();
  return (c) => c === lower;
}

export class PatternParser {
  private at = 0;

  constructor(private readonly source: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.at < this.source.length) throw new SyntaxError(`unmatched ')' at position ${this.at}`);
    return node;
  }

  private peek(): string | undefined {
    return this.source[this.at];
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.at++;
      options.push(this.sequence());
    }
    return options.length === 1 && options[0] !== undefined ? options[0] : { kind: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) items.push(this.quantified(this.atom()));
    return { kind: 'seq', items };
  }

  private quantified(item: Node): Node {
    const c = this.peek();
    let bounds: [number, number | undefined] | undefined;
    if (c === '*') bounds = [0, undefined];
    else if (c === '+') bounds = [1, undefined];
    else if (c === '?') bounds = [0, 1];
    else if (c === '{') bounds = this.braces();
    if (bounds === undefined) return item;
    if (c !== '{') this.at++;
    if (this.peek() === '?') this.at++; // lazy: the same language, and `test` only asks whether there is a match
    if (item.kind === 'assert') throw new SyntaxError('nothing to repeat');
    return this.quantified({ kind: 'repeat', item, min: bounds[0], max: bounds[1] });
  }

  /** `{n}`, `{n,}` or `{n,m}` at the cursor (consumed), or `undefined` (a literal `{`). */
  private braces(): [number, number | undefined] | undefined {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at));
    if (match === null) return undefined;
    this.at += match[0].length;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' ? undefined : Number(match[3]);
    if (min > MAX_REPEAT || (max ?? 0) > MAX_REPEAT) throw new SyntaxError(`repetition counts above ${MAX_REPEAT} are not supported`);
    if (max !== undefined && max < min) throw new SyntaxError('numbers out of order in {} quantifier');
    return [min, max];
  }

  private atom(): Node {
    const c = this.source[this.at++];
    switch (c) {
      case '(': return this.group();
      case '[': return { kind: 'char', test: this.charClass() };
      case '.': return { kind: 'char', test: (ch) => ch !== '\n' && ch !== '\r' };
      case '^': return { kind: 'assert', at: 'start' };
      case '$': return { kind: 'assert', at: 'end' };
      case '\\': return this.escape();
      case '*': case '+': case '?': throw new SyntaxError('nothing to repeat');
      default: return { kind: 'char', test: literal(c ?? '') };
    }
  }

  private group(): Node {
    if (this.source.startsWith('?:', this.at)) this.at += 2;
    else if (/^\?<[A-Za-z_$][\w$]*>/.test(this.source.slice(this.at))) this.at = this.source.indexOf('>', this.at) + 1;
    else if (this.peek() === '?') throw new SyntaxError('lookahead and lookbehind are not supported in routing patterns');
    const node = this.alternation();
    if (this.source[this.at++] !== ')') throw new SyntaxError("missing ')'");
    return node;
  }

  private escape(): Node {
    const c = this.source[this.at++];
    if (c === undefined) throw new SyntaxError('\\ at end of pattern');
    if (c === 'b' || c === 'B') return { kind: 'assert', at: c === 'b' ? 'boundary' : 'notBoundary' };
    return { kind: 'char', test: this.escapedChar(c) };
  }

  /** The character test of the escape whose letter `c` was just read (outside or inside a class). */
  private escapedChar(c: string): CharTest {
    const known = CLASS_ESCAPES[c];
    if (known !== undefined) return known;
    if (/[1-9]/.test(c) || (c === 'k' && this.peek() === '<')) throw new SyntaxError('backreferences are not supported in routing patterns');
    if (c === 'p' || c === 'P') throw new SyntaxError('\\p{…} property escapes are not supported in routing patterns');
    const control = CONTROL[c];
    if (control !== undefined) return literal(control);
    const hex = c === 'x' ? /^[0-9a-fA-F]{2}/.exec(this.source.slice(this.at)) : c === 'u' ? /^[0-9a-fA-F]{4}/.exec(this.source.slice(this.at)) : null;
    if (hex !== null) {
      this.at += hex[0].length;
      return literal(String.fromCharCode(parseInt(hex[0], 16)));
    }
    return literal(c);
  }

  private charClass(): CharTest {
    const negated = this.peek() === '^';
    if (negated) this.at++;
    const tests: CharTest[] = [];
    for (let first = true; first || this.peek() !== ']'; first = false) {
      const from = this.classAtom();
      if (typeof from === 'string' && this.peek() === '-' && this.source[this.at + 1] !== ']' && this.source[this.at + 1] !== undefined) {
        this.at++;
        const to = this.classAtom();
        if (typeof to !== 'string') throw new SyntaxError('invalid range in character class');
        tests.push(range(from, to));
      } else {
        tests.push(typeof from === 'string' ? literal(from) : from);
      }
    }
    this.at++;
    // Case-insensitive: the matcher passes lower case; a class such as [A-Z] is tried with the upper case too.
    return (ch) => tests.some((t) => t(ch) || t(ch.toUpperCase())) !== negated;
  }

  /** One member of a character class: a character, or the test of `\d`, `\w`, `\s` and their negations. */
  private classAtom(): string | CharTest {
    const c = this.source[this.at++];
    if (c === undefined) throw new SyntaxError("missing ']'");
    if (c !== '\\') return c;
    const e = this.source[this.at++];
    if (e === undefined) throw new SyntaxError("missing ']'");
    if (CLASS_ESCAPES[e] !== undefined) return this.escapedChar(e);
    if (e === 'b') return '\b';
    if (/[xu]/.test(e)) {
      const hex = /^[0-9a-fA-F]+/.exec(this.source.slice(this.at, this.at + (e === 'x' ? 2 : 4)));
      if (hex !== null && hex[0].length === (e === 'x' ? 2 : 4)) {
        this.at += hex[0].length;
        return String.fromCharCode(parseInt(hex[0], 16));
      }
    }
    if (/[1-9]/.test(e)) throw new SyntaxError('backreferences are not supported in routing patterns');
    return CONTROL[e] ?? e;
  }
}

function range(from: string, to: string): CharTest {
  if (from > to) throw new SyntaxError(`range out of order in character class (${from}-${to})`);
  return (c) => c >= from && c <= to;
}
