import * as ts from 'typescript';
import type { SyntaxChecker } from '../core/evals/evalChecks';

/**
 * `code-compiles` for the CLI: TypeScript's parser, syntax only (no type check, nothing runs). `transpileModule`
 * reports exactly the syntactic diagnostics. The extension does not bundle TypeScript (~9 MB), so in the editor the
 * check says it needs the CLI; this bundle carries it.
 */
export const typescriptSyntax: SyntaxChecker = (code, language) => {
  const jsx = language === 'tsx' || language === 'jsx';
  const output = ts.transpileModule(code, {
    reportDiagnostics: true,
    fileName: `answer.${language}`,
    compilerOptions: { target: ts.ScriptTarget.ES2022, allowJs: true, ...(jsx ? { jsx: ts.JsxEmit.Preserve } : {}) },
  });
  return (output.diagnostics ?? []).map((d) => {
    const where = d.file !== undefined && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const text = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    return where === undefined ? text : `${where.line + 1}:${where.character + 1} ${text}`;
  });
};
