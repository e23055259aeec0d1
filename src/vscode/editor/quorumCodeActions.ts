import * as vscode from 'vscode';
import { actionsFor, codeActionSpec, type CodeActionId } from '../../core/editor/codeActionKinds';
import { commandIds } from '../commands/commandIds';

/** What a Quorum code action carries to `quorum.runCodeAction`. */
export interface CodeActionArgs {
  readonly action: CodeActionId;
  readonly uri: string;
  readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
  /** Diagnostics in the range (Fix and Compare fixes send them to the model). */
  readonly diagnostics: readonly { readonly message: string; readonly line: number; readonly severity: 'error' | 'warning' | 'info' | 'hint'; readonly source?: string; readonly code?: string }[];
}

const QUORUM = 'quorum';
/** The kinds Quorum's actions use: the spec's base kind (quick fix, refactor, rewrite) + `.quorum`. */
const KINDS = ['quickfix', 'refactor', 'refactor.rewrite'].map((base) => vscode.CodeActionKind.Empty.append(base).append(QUORUM));

const SEVERITY: Record<vscode.DiagnosticSeverity, CodeActionArgs['diagnostics'][number]['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return code === undefined ? undefined : String(code);
}

/**
 * Quorum's actions in the lightbulb, for every language: on a non-empty selection Explain, Fix, Refactor,
 * Generate tests, Add documentation and Compare fixes across models; on diagnostics a Fix quick fix.
 * Computing the list is instant and makes no network call — the model is asked only when one is chosen.
 */
export class QuorumCodeActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = KINDS;

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const diagnostics = context.diagnostics.filter((d) => d.range.intersection(range) !== undefined);
    const selected = !range.isEmpty;
    if (!selected && diagnostics.length === 0) return [];
    // Diagnostics without a selection: the code they cover (whole lines) is what the model fixes.
    const target = selected ? range : diagnostics.reduce<vscode.Range>((r, d) => r.union(d.range), diagnostics[0]?.range ?? range);
    const fullLines = selected ? target : new vscode.Range(target.start.line, 0, target.end.line, document.lineAt(target.end.line).text.length);
    const args = (action: CodeActionId): CodeActionArgs => ({
      action,
      uri: document.uri.toString(),
      range: { start: { line: fullLines.start.line, character: fullLines.start.character }, end: { line: fullLines.end.line, character: fullLines.end.character } },
      diagnostics: diagnostics.map((d) => ({
        message: d.message, line: d.range.start.line - fullLines.start.line, severity: SEVERITY[d.severity],
        ...(d.source !== undefined ? { source: d.source } : {}), ...(codeOf(d) !== undefined ? { code: codeOf(d) } : {}),
      })),
    });
    return actionsFor({ hasSelection: selected, hasDiagnostics: diagnostics.length > 0 }).map((id) => {
      const spec = codeActionSpec(id);
      const title = id === 'fix' && diagnostics.length > 0
        ? `Quorum: Fix ${diagnostics.length === 1 ? 'This Problem' : `${diagnostics.length} Problems`}`
        : spec.title;
      const codeAction = new vscode.CodeAction(title, vscode.CodeActionKind.Empty.append(spec.kindBase).append(QUORUM));
      codeAction.command = { command: commandIds.runCodeAction, title, arguments: [args(id)] };
      if (spec.offeredOnDiagnostics && diagnostics.length > 0) codeAction.diagnostics = diagnostics;
      return codeAction;
    });
  }
}
