import assert from 'node:assert/strict';
import { codeOrExplanation, CodeExtractionError, extractCode, type ExtractionSource } from '../../../../src/core/editor/codeExtraction';

interface Row {
  readonly name: string;
  readonly answer: string;
  readonly languageId: string;
  readonly code: string;
  readonly source: ExtractionSource;
  /** A fragment the note must contain; `undefined` = no note. */
  readonly note?: string;
  readonly commentary?: string;
}

const ROWS: readonly Row[] = [
  {
    name: 'one tagged block with prose around it',
    answer: 'Here is the fix:\n\n```ts\nconst a = 1;\nconst b = 2;\n```\n\nI renamed nothing.',
    languageId: 'typescript', code: 'const a = 1;\nconst b = 2;', source: 'fence',
    commentary: 'Here is the fix:\n\nI renamed nothing.',
  },
  {
    name: 'one untagged block: no mismatch note',
    answer: '```\nx = 1\n```', languageId: 'python', code: 'x = 1', source: 'fence',
  },
  {
    name: 'several blocks: the one in the document language wins over a longer one',
    answer: '```python\nprint("a much longer python example here")\n```\n\n```ts\nfix();\n```',
    languageId: 'typescript', code: 'fix();', source: 'bestFence',
  },
  {
    name: 'several blocks in the language: the longest',
    answer: 'Usage:\n```js\nf()\n```\nFix:\n```javascript\nfunction f() {\n  return 1;\n}\n```',
    languageId: 'javascript', code: 'function f() {\n  return 1;\n}', source: 'bestFence',
  },
  {
    name: 'aliases: py matches python',
    answer: '```bash\npip install x\n```\n```py\ndef f():\n    return 1\n```',
    languageId: 'python', code: 'def f():\n    return 1', source: 'bestFence',
  },
  {
    name: 'react variants: ts fence for a typescriptreact document',
    answer: '```ts\nconst C = () => <div/>;\n```', languageId: 'typescriptreact', code: 'const C = () => <div/>;', source: 'fence',
  },
  {
    name: 'no block in the language: an untagged block before a mismatched one',
    answer: '```\nlet a = 1;\n```\n```json\n{"a": 1, "long": "json here"}\n```',
    languageId: 'typescript', code: 'let a = 1;', source: 'bestFence',
  },
  {
    name: 'language mismatch: the block is still taken, with a note',
    answer: '```javascript\nconst a = 1;\n```', languageId: 'typescript', code: 'const a = 1;', source: 'fence',
    note: 'marked as javascript, not typescript',
  },
  {
    name: 'several mismatched blocks: the longest, with a note',
    answer: '```js\na()\n```\n```js\nlonger()\n```', languageId: 'python', code: 'longer()', source: 'bestFence',
    note: 'not python',
  },
  {
    name: 'no fence: the whole answer minus a lead-in line',
    answer: "Sure! Here's the corrected function:\ndef f():\n    return 1\n",
    languageId: 'python', code: 'def f():\n    return 1', source: 'noFence', note: 'no code block',
  },
  {
    name: 'no fence and no lead-in: the whole answer trimmed',
    answer: '\n  x = compute()\n\n', languageId: 'python', code: 'x = compute()', source: 'noFence', note: 'no code block',
  },
  {
    name: 'tilde fences',
    answer: '~~~rust\nfn main() {}\n~~~', languageId: 'rust', code: 'fn main() {}', source: 'fence',
  },
  {
    name: 'a 4-backtick fence holding triple backticks',
    answer: '````markdown\n# Title\n```ts\nx\n```\n````', languageId: 'markdown',
    code: '# Title\n```ts\nx\n```', source: 'fence',
  },
  {
    name: 'unterminated fence: the rest of the answer, with a cut-off note',
    answer: 'Fixed:\n```go\nfunc f() {\n\treturn\n', languageId: 'go', code: 'func f() {\n\treturn', source: 'fence',
    note: 'not closed',
  },
  {
    name: 'CRLF answer: \\n line endings out',
    answer: 'Fix:\r\n```ts\r\nif (a) {\r\n  b();\r\n}\r\n```\r\n', languageId: 'typescript', code: 'if (a) {\n  b();\n}', source: 'fence',
  },
  {
    name: 'one trailing newline of the block dropped, not the indentation',
    answer: '```ts\n  indented();\n\n```', languageId: 'typescript', code: '  indented();', source: 'fence',
  },
  {
    name: 'fence indented in a list item: its indentation is stripped from the body',
    answer: '1. Replace it:\n   ```ts\n   a();\n     b();\n   ```', languageId: 'typescript', code: 'a();\n  b();', source: 'fence',
  },
  {
    name: 'an empty block next to a real one is skipped',
    answer: '```ts\n```\n```ts\nreal();\n```', languageId: 'typescript', code: 'real();', source: 'bestFence',
  },
];

describe('extractCode', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const got = extractCode(row.answer, row.languageId);
      assert.equal(got.code, row.code);
      assert.equal(got.source, row.source);
      if (row.note === undefined) assert.equal(got.note, undefined);
      else assert.ok(got.note?.includes(row.note), `note: ${got.note ?? '(none)'}`);
      if (row.commentary !== undefined) assert.equal(got.commentary, row.commentary);
    });
  }

  it('reports the prose outside the chosen block as commentary, and none when there is none', () => {
    assert.equal(extractCode('```ts\nx\n```', 'typescript').commentary, undefined);
    assert.equal(extractCode('```ts\nx\n```\nRenamed y to x.', 'typescript').commentary, 'Renamed y to x.');
  });

  for (const [name, answer] of [['empty', ''], ['whitespace', ' \n\t\n'], ['only empty fences', '```ts\n```\n~~~\n\n~~~']] as const) {
    it(`throws CodeExtractionError on an answer that is ${name}`, () => {
      assert.throws(() => extractCode(answer, 'typescript'), (e: unknown) => e instanceof CodeExtractionError && e.reason === 'empty');
    });
  }
});

describe('codeOrExplanation (what a code action may apply)', () => {
  it('an answer without a code block is an explanation, never code', () => {
    const prose = 'The loop is fine; the bug is that `sum` is never returned.\nAdd a return statement.';
    assert.deepEqual(codeOrExplanation(prose, 'javascript'), { source: 'explanation', explanation: prose });
    // Even one that looks like code: without a fence it is not applied.
    assert.equal(codeOrExplanation("Here is the fixed code:\nreturn sum;\n", 'javascript').source, 'explanation');
  });

  it('an answer with a fenced block gives its code, as extractCode does', () => {
    const got = codeOrExplanation('Fixed:\n```js\nreturn sum;\n```', 'javascript');
    assert.equal(got.source, 'fence');
    assert.equal('code' in got ? got.code : undefined, 'return sum;');
  });

  it('still throws on an empty answer', () => {
    assert.throws(() => codeOrExplanation(' \n', 'javascript'), (e: unknown) => e instanceof CodeExtractionError);
  });
});
