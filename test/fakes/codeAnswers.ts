import type { CodeTask } from './intent';

/**
 * The fakes' answers to code requests: one short note and exactly one fenced block, as the code actions
 * ask (src/core/editor/promptTemplates.ts). When the prompt carries code, the block is that code with the
 * task done the way a careful model would do it on the demo workspace: a fix corrects an off-by-one loop
 * bound and loose equality (not the `== null` idiom), docs add a comment above each function, tests call
 * each function it finds.
 */

export function codeAnswer(task: CodeTask, code: string | undefined, fenceTag: string): string {
  const tag = fenceTag === '' ? 'ts' : fenceTag;
  const source = code ?? SAMPLE;
  switch (task) {
    case 'fix': {
      const { fixed, notes } = fixCode(source);
      const note = notes.length === 0 ? 'I found no bug I am sure of; the code is returned unchanged.' : `Fixed: ${notes.join('; ')}.`;
      return `${note}\n\n${fence(fixed, tag)}\n`;
    }
    case 'refactor':
      return `Same behaviour, clearer names and \`const\` where nothing is reassigned.\n\n${fence(refactorCode(source), tag)}\n`;
    case 'tests':
      return `Tests for ${functionNames(source).join(', ') || 'the selection'}: the normal case and an edge case each.\n\n${fence(testsFor(source, tag), tag)}\n`;
    case 'docs':
      return `Documentation comments added; no code changed.\n\n${fence(documented(source, tag), tag)}\n`;
  }
}

const SAMPLE = 'export function sum(values: number[]): number {\n  let total = 0;\n  for (const v of values) total += v;\n  return total;\n}';

function fence(code: string, tag: string): string {
  return `\`\`\`${tag}\n${code.replace(/\n$/u, '')}\n\`\`\``;
}

/** The demo's bugs: `i <= xs.length` in a loop bound, `==` / `!=` where strict equality is meant. */
export function fixCode(code: string): { fixed: string; notes: string[] } {
  const notes: string[] = [];
  let fixed = code.replace(/(\w+)\s*<=\s*([\w.]+)\.length\b/gu, (_m, index: string, array: string) => {
    notes.push(`the loop read one element past the end of \`${array}\` (\`${index} <= ${array}.length\` → \`<\`)`);
    return `${index} < ${array}.length`;
  });
  let loose = 0;
  // `== null` is the idiom for "null or undefined", not a slip: left alone.
  fixed = fixed.replace(/([^=!<>])([!=])=(?!=)(?!\s*null\b)/gu, (_m, before: string, op: string) => {
    loose++;
    return `${before}${op}==`;
  });
  if (loose > 0) notes.push(`${loose === 1 ? 'a loose comparison' : `${loose} loose comparisons`} made strict (\`==\` → \`===\`)`);
  return { fixed, notes };
}

function refactorCode(code: string): string {
  return code.replace(/\bvar\s+/gu, 'const ').replace(/\blet\s+(\w+)\s*=/gu, (m, name: string) =>
    new RegExp(`\\b${name}\\s*(?:[-+*/]?=(?!=)|\\+\\+|--)`, 'u').test(code.slice(code.indexOf(m) + m.length)) ? m : `const ${name} =`);
}

/** Top-level function names: `function f(`, `const f = (`, `def f(`. */
export function functionNames(code: string): string[] {
  const names = [...code.matchAll(/\bfunction\s+(\w+)\s*\(|\b(?:const|let)\s+(\w+)\s*=\s*(?:async\s*)?\(|^\s*def\s+(\w+)\s*\(/gmu)]
    .map((m) => m[1] ?? m[2] ?? m[3] ?? '');
  return [...new Set(names.filter((n) => n !== ''))];
}

function testsFor(code: string, tag: string): string {
  const names = functionNames(code);
  const list = names.length > 0 ? names : ['subject'];
  if (tag === 'python' || tag === 'py') {
    return [`import unittest\nfrom module import ${list.join(', ')}\n`, ...list.map((n) =>
      `class Test${n[0]?.toUpperCase()}${n.slice(1)}(unittest.TestCase):\n    def test_normal_case(self):\n        self.assertIsNotNone(${n}([1, 2, 3]))\n\n    def test_empty_input(self):\n        self.assertIsNotNone(${n}([]))\n`)].join('\n');
  }
  return [`import * as assert from 'node:assert/strict';\nimport { ${list.join(', ')} } from './module';\n`, ...list.map((n) =>
    `describe('${n}', () => {\n  it('handles the normal case', () => {\n    assert.notEqual(${n}([1, 2, 3]), undefined);\n  });\n\n  it('handles an empty input', () => {\n    assert.doesNotThrow(() => ${n}([]));\n  });\n});\n`)].join('\n');
}

function documented(code: string, tag: string): string {
  const python = tag === 'python' || tag === 'py';
  return code.split('\n').flatMap((line) => {
    const fn = /^(\s*)(?:export\s+)?(?:async\s+)?function\s+(\w+)\s*\(([^)]*)\)|^(\s*)def\s+(\w+)\s*\(([^)]*)\)/u.exec(line);
    if (fn === null) return [line];
    const indent = fn[1] ?? fn[4] ?? '';
    const name = fn[2] ?? fn[5] ?? '';
    const params = (fn[3] ?? fn[6] ?? '').split(',').map((p) => p.trim().split(/[:=\s]/u)[0] ?? '').filter((p) => p !== '' && p !== 'self');
    if (python) return [line, `${indent}    """${sentence(name)}."""`];
    return [`${indent}/**`, `${indent} * ${sentence(name)}.`, ...params.map((p) => `${indent} * @param ${p} the ${p}`), `${indent} */`, line];
  }).join('\n');
}

/** `computeTotal` → "Computes the total", a plausible summary from a name. */
function sentence(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/gu, '$1 $2').replace(/_/gu, ' ').toLowerCase().split(' ');
  const [verb = name, ...rest] = words;
  return `${verb[0]?.toUpperCase() ?? ''}${verb.slice(1)}${verb.endsWith('s') ? '' : 's'}${rest.length > 0 ? ` the ${rest.join(' ')}` : ''}`;
}
