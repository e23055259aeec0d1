import * as vscode from 'vscode';
import { runFromCliJson, type EvalRun } from '../../app/evals/evalResults';
import { createEvalRouting } from '../../app/evals/evalRouting';
import { recoverBatchRuns } from '../../app/evals/batchRunRecovery';
import { EvalsSession } from '../../app/evals/evalsSession';
import type { EvalsPorts } from '../../app/evals/evalsService';
import type { EvalRunChoiceDeps } from '../../app/evals/evalRunChoice';
import { parseModelRefText } from '../../core/ask/modelRefText';
import type { RoutingChange } from '../../core/evals/routingChange';
import type { Clock } from '../../core/ports';
import { MAX_EVAL_MODELS } from '../../shared/evalsProtocol';
import { evalRoutingPorts, evalsPorts, type EvalsServices } from '../evals/evalsPorts';
import type { QuorumPanelDeps } from '../panel/quorumPanel';
import { QuorumPanel } from '../panel/quorumPanel';
import { commandIds } from './commandIds';

/** Arguments `quorum.runEvals` takes from automation (tests, keybindings): no quick picks then. */
interface RunEvalsArgs {
  readonly suites?: readonly string[];
  readonly models?: readonly string[];
  /** Open the Evals tab with the result (default true). */
  readonly show?: boolean;
}

/** The workspace's eval session: suites, runs, routing changes; one per activation, shared by the tab and the palette. */
export function evalsSession(services: EvalsServices, runner: EvalRunChoiceDeps, context: vscode.ExtensionContext, clock: Clock): EvalsSession {
  const announce = (change: RoutingChange, text: string): void => {
    services.logger.info(`Evals: ${text}`);
    const show = change.kind === 'demoted' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    const actions = change.kind === 'undone' ? [] : ['Undo'];
    void show(`Quorum: ${text}`, ...actions).then((picked) => (picked === 'Undo' ? session.undo(change.id) : undefined));
  };
  const routingPorts = evalRoutingPorts(services, context, clock, announce);
  const routing = createEvalRouting(routingPorts);
  const ports = evalsPorts(services, runner, context, clock);
  const label = (model: string): string => {
    const ref = parseModelRefText(model);
    return (ref === undefined ? undefined : services.catalog().get(ref)?.displayName) ?? model;
  };
  const timeText = (iso: string): string => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  const session: EvalsSession = new EvalsSession({ ports, routing, changeLog: routingPorts.changeLog.list, label, timeText });
  followBatchQueue(services, session, runner, ports, context);
  return session;
}

/** Which batch runs were imported after a reload, so a second reload does not import them again. */
const IMPORTED_KEY = 'quorum.evals.importedBatchRuns';

/**
 * The batch queue in the Evals tab, and the runs whose jobs finish after a window reload brought back into it
 * (`recoverBatchRuns`). Hooked to the queue as it is opened, before this window can add jobs to it.
 */
function followBatchQueue(services: EvalsServices, session: EvalsSession, runner: EvalRunChoiceDeps, ports: EvalsPorts, context: vscode.ExtensionContext): void {
  void runner.batchQueue?.().then((queue) => {
    const stopShowing = session.showQueue(queue);
    const stopRecovering = recoverBatchRuns({
      queue, ports,
      imported: { load: () => context.workspaceState.get<string[]>(IMPORTED_KEY, []), save: async (ids) => context.workspaceState.update(IMPORTED_KEY, ids) },
      importRun: async (run) => {
        await session.refresh();
        await session.importRun(run);
        services.logger.info(`Evals: run ${run.id} came back from batch after a window reload (${run.suites.length} suites).`);
      },
      onError: (error) => services.logger.error(`Evals: could not import a batch run: ${String(error)}`),
    });
    context.subscriptions.push({ dispose: () => { stopShowing(); stopRecovering(); } });
  }, (error: unknown) => services.logger.error(`Evals: the batch queue did not load: ${String(error)}`));
}

/** Run Evals, Undo Eval Routing Change, Open Eval Results File, and the scheduled run on activation. */
export function registerEvalsCommands(services: EvalsServices, session: EvalsSession, panel: QuorumPanelDeps, candidates: () => Promise<readonly string[]>): vscode.Disposable[] {
  const showTab = () => void QuorumPanel.show(panel, 'evals');
  const schedule = services.settings().evals.schedule;
  if (schedule !== 'off') {
    void session.runIfDue(schedule).then((run) => run !== undefined && services.logger.info(`Evals: scheduled run ${run.id} finished (${run.suites.length} suites).`))
      .catch((error: unknown) => services.logger.error(error instanceof Error ? error : String(error)));
  }
  return [
    vscode.commands.registerCommand(commandIds.runEvals, (args?: RunEvalsArgs) => runEvalsCommand(session, candidates, args, showTab)),
    vscode.commands.registerCommand(commandIds.undoEvalRoutingChange, (id?: string) => undoCommand(session, id)),
    vscode.commands.registerCommand(commandIds.openEvalResults, (file?: vscode.Uri) => openResults(session, file, showTab)),
  ];
}

async function runEvalsCommand(session: EvalsSession, candidates: () => Promise<readonly string[]>, args: RunEvalsArgs | undefined, showTab: () => void): Promise<EvalRun | undefined> {
  await session.refresh();
  const state = session.state();
  if (state.suites.length === 0) {
    const invalid = state.invalid.map((i) => i.problems[0] ?? i.file).join('; ');
    void vscode.window.showWarningMessage(`Quorum: no valid eval suite in .quorum/evals/${invalid !== '' ? ` (${invalid})` : ''}. See docs/evals.md for the format.`);
    return undefined;
  }
  const suites = args?.suites ?? await pickMany('Suites to run', state.suites.map((s) => ({ label: s.id, description: `${s.feature} · ${s.cases} cases · ${s.threshold}`, picked: state.selectedSuites.includes(s.id) })));
  if (suites === undefined || suites.length === 0) return undefined;
  const models = args?.models ?? await pickMany(`Models (1–${MAX_EVAL_MODELS})`, (await candidates()).map((m) => ({ label: m, picked: state.selectedModels.includes(m) })));
  if (models === undefined || models.length === 0) return undefined;
  if (models.length > MAX_EVAL_MODELS) {
    void vscode.window.showWarningMessage(`Quorum: pick at most ${MAX_EVAL_MODELS} models for one run.`);
    return undefined;
  }
  const run = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Quorum: running evals', cancellable: true },
    async (progress, token) => {
      const cancel = token.onCancellationRequested(() => session.cancel());
      let last = 0;
      try {
        return await session.run(suites, models, 'you', (done, total) => {
          progress.report({ message: `case ${done} of ${total}`, increment: ((done - last) / total) * 100 });
          last = done;
        });
      } finally {
        cancel.dispose();
      }
    },
  );
  const error = session.state().error;
  if (error !== undefined) void vscode.window.showWarningMessage(`Quorum: ${error}`);
  if (args?.show !== false) showTab();
  return run;
}

async function pickMany(title: string, items: readonly vscode.QuickPickItem[]): Promise<string[] | undefined> {
  const picked = await vscode.window.showQuickPick(items, { title, canPickMany: true, ignoreFocusOut: true });
  return picked?.map((p) => p.label);
}

async function undoCommand(session: EvalsSession, id: string | undefined): Promise<void> {
  const undoable = session.state().changes.filter((c) => c.undoable);
  const chosen = id ?? (await vscode.window.showQuickPick(undoable.map((c) => ({ label: c.text, id: c.id })), { title: 'Undo which eval routing change?' }))?.id;
  if (chosen === undefined) return;
  await session.undo(chosen);
  const error = session.state().error;
  if (error !== undefined) void vscode.window.showWarningMessage(`Quorum: ${error}`);
}

/** Reads a `quorum-eval --json` results file as a run: kept, shown, and its demotions applied (with notice). */
async function openResults(session: EvalsSession, file: vscode.Uri | undefined, showTab: () => void): Promise<void> {
  const uri = file ?? (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'quorum-eval --json results': ['json'] }, title: 'Open Eval Results' }))?.[0];
  if (uri === undefined) return;
  const stat = await vscode.workspace.fs.stat(uri);
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const parsed = runFromCliJson(vscode.workspace.asRelativePath(uri), text, new Date(stat.mtime).toISOString(), `cli-${stat.mtime.toString(36)}`);
  if ('problem' in parsed) {
    void vscode.window.showErrorMessage(`Quorum: ${parsed.problem}`);
    return;
  }
  await session.refresh();
  await session.importRun(parsed.run);
  showTab();
}

