import { PatternParser, type CharTest, type Node } from './patternSyntax';

/**
 * A user's routing-rule pattern (`quorum.routing.rules[].when.pattern`), matched in linear time: the pattern is
 * compiled to a small automaton and run as a Pike VM, so no pattern can freeze the extension host the way a
 * backtracking engine does (`^(a+)+$` on 28 characters took over 20 s). Case-insensitive, as rules always were.
 * Backreferences and lookaround need backtracking and are rejected with a clear message.
 */

/** Most instructions a compiled pattern may have (a `{n,m}` copies its operand): bounds the work per character. */
export const MAX_PATTERN_PROGRAM = 2_000;
/** Most characters of a prompt a pattern is tested against; the rest is not read (bounded work per request). */
export const MAX_PATTERN_TEXT_CHARS = 100_000;

type Instruction =
  | { readonly op: 'char'; readonly test: CharTest }
  | { readonly op: 'split'; x: number; y: number }
  | { readonly op: 'jmp'; to: number }
  | { readonly op: 'assert'; readonly at: 'start' | 'end' | 'boundary' | 'notBoundary' }
  | { readonly op: 'match' };

function emit(node: Node, program: Instruction[]): void {
  if (program.length > MAX_PATTERN_PROGRAM) throw new SyntaxError(`the pattern is too complex (more than ${MAX_PATTERN_PROGRAM} steps); simplify its repetitions`);
  switch (node.kind) {
    case 'char': program.push({ op: 'char', test: node.test }); return;
    case 'assert': program.push({ op: 'assert', at: node.at }); return;
    case 'seq': for (const item of node.items) emit(item, program); return;
    case 'alt': {
      const jumps: { op: 'jmp'; to: number }[] = [];
      node.options.forEach((option, index) => {
        const split = index < node.options.length - 1 ? { op: 'split' as const, x: program.length + 1, y: 0 } : undefined;
        if (split !== undefined) program.push(split);
        emit(option, program);
        if (split !== undefined) {
          const jump = { op: 'jmp' as const, to: 0 };
          jumps.push(jump);
          program.push(jump);
          split.y = program.length;
        }
      });
      for (const jump of jumps) jump.to = program.length;
      return;
    }
    case 'repeat': emitRepeat(node, program);
  }
}

function emitRepeat(node: Extract<Node, { kind: 'repeat' }>, program: Instruction[]): void {
  for (let i = 0; i < node.min; i++) emit(node.item, program);
  if (node.max === undefined) {
    const loop = program.length;
    const split = { op: 'split' as const, x: loop + 1, y: 0 };
    program.push(split);
    emit(node.item, program);
    program.push({ op: 'jmp', to: loop });
    split.y = program.length;
    return;
  }
  const splits: { op: 'split'; x: number; y: number }[] = [];
  for (let i = node.min; i < node.max; i++) {
    const split = { op: 'split' as const, x: program.length + 1, y: 0 };
    splits.push(split);
    program.push(split);
    emit(node.item, program);
  }
  for (const split of splits) split.y = program.length;
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /\w/.test(c);
}

function holds(at: Extract<Instruction, { op: 'assert' }>['at'], text: string, i: number): boolean {
  switch (at) {
    case 'start': return i === 0;
    case 'end': return i === text.length;
    case 'boundary': return isWordChar(text[i - 1]) !== isWordChar(text[i]);
    case 'notBoundary': return isWordChar(text[i - 1]) === isWordChar(text[i]);
  }
}

export class LinearPattern {
  private readonly program: readonly Instruction[];

  /** Throws `SyntaxError` for an invalid or unsupported pattern. */
  constructor(readonly source: string) {
    const program: Instruction[] = [];
    emit(new PatternParser(source).parse(), program);
    program.push({ op: 'match' });
    if (program.length > MAX_PATTERN_PROGRAM) throw new SyntaxError(`the pattern is too complex (more than ${MAX_PATTERN_PROGRAM} steps); simplify its repetitions`);
    this.program = program;
  }

  /** Whether the pattern matches anywhere in the first `MAX_PATTERN_TEXT_CHARS` characters of `input`; O(text × pattern). */
  test(input: string): boolean {
    const text = input.length > MAX_PATTERN_TEXT_CHARS ? input.slice(0, MAX_PATTERN_TEXT_CHARS) : input;
    let current: number[] = [];
    const seen = new Int32Array(this.program.length).fill(-1);
    for (let i = 0; i <= text.length; i++) {
      // An unanchored search: a new thread starts at every position.
      if (this.add(current, 0, text, i, seen)) return true;
      const char = text[i]?.toLowerCase();
      const next: number[] = [];
      for (const pc of current) {
        const instruction = this.program[pc];
        if (char !== undefined && instruction?.op === 'char' && instruction.test(char) && this.add(next, pc + 1, text, i + 1, seen)) return true;
      }
      current = next;
    }
    return false;
  }

  /** Adds the thread at `pc` and every thread its jumps, splits and assertions reach at `i`; true on a match. */
  private add(list: number[], pc: number, text: string, i: number, seen: Int32Array): boolean {
    const stack = [pc];
    while (stack.length > 0) {
      const at = stack.pop() ?? 0;
      if (seen[at] === i) continue;
      seen[at] = i;
      const instruction = this.program[at];
      if (instruction === undefined) continue;
      if (instruction.op === 'match') return true;
      if (instruction.op === 'jmp') stack.push(instruction.to);
      else if (instruction.op === 'split') stack.push(instruction.y, instruction.x);
      else if (instruction.op === 'assert') {
        if (holds(instruction.at, text, i)) stack.push(at + 1);
      } else list.push(at);
    }
    return false;
  }

  toString(): string {
    return `/${this.source}/i`;
  }
}
