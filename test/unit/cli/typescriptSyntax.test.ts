import assert from 'node:assert/strict';
import { typescriptSyntax } from '../../../src/cli/typescriptSyntax';

describe('typescriptSyntax', () => {
  it('accepts valid TS, TSX and JS (types are not checked)', () => {
    assert.deepEqual(typescriptSyntax('const x: number = "not checked";', 'ts'), []);
    assert.deepEqual(typescriptSyntax('export const A = () => <div>{1}</div>;', 'tsx'), []);
    assert.deepEqual(typescriptSyntax('function f(a) { return a + 1 }', 'js'), []);
  });

  it('reports syntax errors with line and column', () => {
    const errors = typescriptSyntax('function f() {\n  return (;\n}', 'ts');
    assert.ok(errors !== undefined && errors.length > 0);
    assert.match(errors[0] ?? '', /^2:\d+ /);
  });
});
