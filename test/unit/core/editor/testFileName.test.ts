import assert from 'node:assert/strict';
import { suggestTestFileName } from '../../../../src/core/editor/testFileName';

describe('suggestTestFileName', () => {
  const rows: readonly [string | undefined, string, string | undefined][] = [
    ['src/math.ts', 'typescript', 'src/math.test.ts'],
    ['src/App.tsx', 'typescriptreact', 'src/App.test.tsx'],
    ['pkg/util.py', 'python', 'pkg/test_util.py'],
    ['cmd/main.go', 'go', 'cmd/main_test.go'],
    ['src/main/java/Foo.java', 'java', 'src/main/java/FooTest.java'],
    ['C:\\work\\Calc.cs', 'csharp', 'C:\\work\\CalcTests.cs'],
    ['lib/parser.rb', 'ruby', 'lib/parser_spec.rb'],
    ['Makefile', 'makefile', 'Makefile.test'],
    [undefined, 'typescript', undefined],
  ];
  for (const [fileName, languageId, expected] of rows) {
    it(`${fileName ?? '(untitled)'} → ${expected ?? '(none)'}`, () => {
      assert.equal(suggestTestFileName(fileName, languageId), expected);
    });
  }
});
