import assert from 'node:assert/strict';
import { computeReplacement, type ReplacementOptions } from '../../../../src/core/editor/editComputation';

interface Row {
  readonly name: string;
  readonly original: string;
  readonly extracted: string;
  readonly options?: Partial<ReplacementOptions>;
  readonly expected: string;
}

const LF: ReplacementOptions = { eol: '\n' };

const ROWS: readonly Row[] = [
  {
    name: 'same indentation: unchanged',
    original: '  a();\n  b();', extracted: '  a();\n  c();', expected: '  a();\n  c();',
  },
  {
    name: 'model dedented to column 0: shifted to the selection base, relative indentation kept',
    original: '    if (x) {\n      y();\n    }', extracted: 'if (x) {\n  z();\n}', expected: '    if (x) {\n      z();\n    }',
  },
  {
    name: 'model over-indented: shifted left',
    original: '  return a;', extracted: '        return b;\n        // why', expected: '  return b;\n  // why',
  },
  {
    name: 'CRLF document: the model\'s \\n become \\r\\n',
    original: '  a();\r\n  b();\r\n', extracted: 'a();\nc();', options: { eol: '\r\n' }, expected: '  a();\r\n  c();\r\n',
  },
  {
    name: 'LF document: CRLF from the model becomes \\n',
    original: 'a();', extracted: 'x();\r\ny();', expected: 'x();\ny();',
  },
  {
    name: 'tabs document, model answered with 2 spaces: levels become tabs',
    original: '\tif (x) {\n\t\ty();\n\t}', extracted: 'if (x) {\n  z();\n  if (w) {\n    v();\n  }\n}',
    options: { indentUnit: '\t' },
    expected: '\tif (x) {\n\t\tz();\n\t\tif (w) {\n\t\t\tv();\n\t\t}\n\t}',
  },
  {
    name: 'spaces document, model answered with tabs: tabs become the document width',
    original: '    def f(self):\n        return 1', extracted: 'def f(self):\n\treturn 2',
    expected: '    def f(self):\n        return 2',
  },
  {
    name: 'nested indentation in a 4-space document from a 2-space answer: rescaled',
    original: '    for x in xs:\n        if x:\n            go(x)',
    extracted: 'for x in xs:\n  if x:\n    stop(x)\n  else:\n    go(x)',
    expected: '    for x in xs:\n        if x:\n            stop(x)\n        else:\n            go(x)',
  },
  {
    name: 'trailing newline of the selection kept when the model drops it',
    original: '  a();\n', extracted: 'b();', expected: '  b();\n',
  },
  {
    name: 'no trailing newline in the selection: the model\'s trailing blank lines dropped',
    original: '  a();', extracted: 'b();\n\n', expected: '  b();',
  },
  {
    name: 'selection ending on the next line\'s indentation keeps it',
    original: '  a();\n  ', extracted: 'b();', expected: '  b();\n  ',
  },
  {
    name: 'leading blank lines of the selection kept, the model\'s dropped',
    original: '\n\n  a();', extracted: '\nb();', expected: '\n\n  b();',
  },
  {
    name: 'empty and whitespace-only lines inside stay empty, never indented',
    original: '  a();\n\n  b();', extracted: 'a();\n\n   \nc();', expected: '  a();\n\n\n  c();',
  },
  {
    name: 'a line left of the first one (closing brace of a fragment) is dedented, not below column 0',
    original: '    x();\n  }', extracted: '  y();\n}', expected: '    y();\n  }',
  },
  {
    name: 'selection starting after the indentation: first line not re-indented',
    original: 'if (x) {\n    y();\n  }', extracted: 'if (x) {\n  z();\n}', options: { linePrefix: '  ' },
    expected: 'if (x) {\n    z();\n  }',
  },
  {
    name: 'selection starting mid-line: later lines align with that line\'s indentation',
    original: 'foo(a,\n      b)', extracted: 'foo(\n  a,\n  b,\n)', options: { linePrefix: '    return ' },
    expected: 'foo(\n      a,\n      b,\n    )',
  },
  {
    name: 'alignment columns that are not whole levels are kept',
    original: '  call(a,\n       b);', extracted: 'call(a,\n     c);', expected: '  call(a,\n       c);',
  },
  {
    name: 'an empty answer leaves only the selection\'s blank edges',
    original: '\n  a();\n', extracted: '\n\n', expected: '\n\n',
  },
  {
    name: 'content is never touched: trailing spaces and inner spacing survive',
    original: 'x', extracted: 'a  =  "  b  ";  ', expected: 'a  =  "  b  ";  ',
  },
  {
    name: 'tabs document with an editor tab size of 2 and a 4-space answer',
    original: '\t\tret();', extracted: 'if (a) {\n    ret();\n}', options: { indentUnit: '\t', tabSize: 2 },
    expected: '\t\tif (a) {\n\t\t\tret();\n\t\t}',
  },
  {
    name: 'indent unit from the editor when the selection is one line',
    original: '  one();', extracted: 'if (a) {\n    b();\n}', options: { indentUnit: '  ' },
    expected: '  if (a) {\n    b();\n  }',
  },
];

describe('computeReplacement', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      assert.equal(computeReplacement(row.original, row.extracted, { ...LF, ...row.options }), row.expected);
    });
  }
});
