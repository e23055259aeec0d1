import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { ResultsFolder } from '../../app/evals/evalResults';
import type { EvalRoutingPorts } from '../../app/evals/evalRouting';
import type { EvalsPorts } from '../../app/evals/evalsService';
import type { EvalRunChoiceDeps } from '../../app/evals/evalRunChoice';
import { admitRequest } from '../../core/cost/budget';
import type { RoutingChange } from '../../core/evals/routingChange';
import { suitePathSegments } from '../../core/evals/suitePath';
import type { Clock } from '../../core/ports';
import type { ExtensionServices } from '../extensionServices';

const SUITES_FOLDER = '.quorum/evals';
const RESULTS_FOLDER = '.quorum/results';
const CHANGES_KEY = 'quorum.evals.routingChanges';
const MAX_CHANGES = 200;

export type EvalsServices = Pick<ExtensionServices, 'catalog' | 'settings' | 'spend' | 'logger'>;

/** The first workspace folder: suites, attached files and `.quorum/results/` live there. */
function workspaceFolder(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

/** A path a suite names (`files`, `images`), inside the workspace folder; throws for one that leaves it. */
export function insideWorkspace(folder: vscode.Uri, relative: string): vscode.Uri {
  const checked = suitePathSegments(relative);
  if ('problem' in checked) throw new Error(checked.problem);
  return vscode.Uri.joinPath(folder, ...checked.segments);
}

/** A folder of files over `vscode.workspace.fs` (created on the first write). */
export function uriFolder(uri: vscode.Uri): ResultsFolder {
  return {
    list: async () => (await vscode.workspace.fs.readDirectory(uri).then(undefined, () => [] as [string, vscode.FileType][]))
      .filter(([, type]) => type === vscode.FileType.File).map(([name]) => name),
    read: async (name) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(uri, name))),
    write: async (name, text) => {
      await vscode.workspace.fs.createDirectory(uri);
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(uri, name), new TextEncoder().encode(text));
    },
  };
}

/** `quorum.evals.resultsLocation`: `.quorum/results/` in the workspace, or this workspace's storage. */
function resultsFolder(services: EvalsServices, context: vscode.ExtensionContext): ResultsFolder {
  const folder = workspaceFolder();
  if (services.settings().evals.resultsLocation === 'workspace' && folder !== undefined) return uriFolder(vscode.Uri.joinPath(folder, RESULTS_FOLDER));
  return uriFolder(vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'eval-results'));
}

async function suiteFiles(): Promise<{ file: string; text: string }[]> {
  const folder = workspaceFolder();
  if (folder === undefined) return [];
  const dir = uriFolder(vscode.Uri.joinPath(folder, SUITES_FOLDER));
  const names = (await dir.list()).filter((n) => /\.ya?ml$/iu.test(n)).sort();
  return Promise.all(names.map(async (name) => ({ file: `${SUITES_FOLDER}/${name}`, text: await dir.read(name) })));
}

/** A file a suite case attaches (`files`, `images`), read from inside the workspace folder only. */
export async function readSuiteFile(relative: string): Promise<Uint8Array> {
  const folder = workspaceFolder();
  if (folder === undefined) throw new Error('Open the workspace folder the suite belongs to.');
  return vscode.workspace.fs.readFile(insideWorkspace(folder, relative));
}

/**
 * The evals' ports in VS Code: files, the runner (the request path, live or in batch: `evalRunDeps`), the budget's
 * verdict (nobody is asked), kept results.
 */
export function evalsPorts(services: EvalsServices, runner: EvalRunChoiceDeps, context: vscode.ExtensionContext, clock: Clock): EvalsPorts {
  return {
    suiteFiles,
    runner,
    pricingOf: (ref) => services.catalog().get(ref)?.pricing,
    budgetVerdict: (usd) => {
      const verdict = admitRequest(usd, services.spend.report().budget, services.settings().budget.onExceed);
      return { decision: verdict.decision, reason: `Budget: ${verdict.reason}` };
    },
    results: () => resultsFolder(services, context),
    clock,
    newId: () => randomUUID().slice(0, 8),
  };
}

/** `quorum.routing.rules` in the user settings (where "Save as Routing Rule" writes too), the change log in workspace state. */
export function evalRoutingPorts(services: EvalsServices, context: vscode.ExtensionContext, clock: Clock, announce: EvalRoutingPorts['announce']): EvalRoutingPorts {
  const changes = (): readonly RoutingChange[] => context.workspaceState.get<RoutingChange[]>(CHANGES_KEY) ?? [];
  return {
    rules: {
      read: () => vscode.workspace.getConfiguration().inspect<unknown[]>('quorum.routing.rules')?.globalValue,
      write: async (rules) => vscode.workspace.getConfiguration().update('quorum.routing.rules', rules, vscode.ConfigurationTarget.Global),
    },
    changeLog: {
      list: changes,
      add: async (change) => context.workspaceState.update(CHANGES_KEY, [...changes(), change].slice(-MAX_CHANGES)),
    },
    announce,
    clock,
    newId: () => randomUUID().slice(0, 8),
  };
}
