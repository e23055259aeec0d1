import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EvalRun } from '../../src/app/evals/evalResults';
import type { EvalsState } from '../../src/shared/evalsProtocol';
import type { AnswerSummary } from '../../src/vscode/ask/askController';
import { queueScenario, quorumApi, useFakeProviders, waitFor } from './helpers';

const KEYS = { openai: 'sk-test-evals-openai-0001', anthropic: 'sk-ant-test-evals-0001' } as const;
const LUNA = 'openai/gpt-6-luna';
const HAIKU = 'anthropic/claude-haiku-5-5';
const SOL = 'openai/gpt-6.2-sol';
const MODELS = [LUNA, HAIKU, SOL];
const SUITE = 'it-greetings';

/**
 * Six greetings the fakes answer "Hello from <model>. You asked: "<prompt>". …" (their greeting intent), which decides: every model
 * passes the first three; luna fails two (its name is in its answer), sol one. At 80 %: luna 4/6 fails,
 * haiku 6/6 and sol 5/6 pass; haiku is the cheaper (budget tier), so it is the cheapest passing model.
 */
const SUITE_YAML = `id: ${SUITE}
feature: ask
threshold: 0.8
cases:
  - { id: echo, prompt: "Hello, case one", checks: [{ type: contains, value: "You asked" }] }
  - { id: greeting, prompt: "Hello, case two", checks: [{ type: regex, value: "^Hello from" }] }
  - { id: prompt-kept, prompt: "Hello, case three", checks: [{ type: contains, value: "case three", ignoreCase: true }] }
  - { id: not-luna, prompt: "Hello, case four", checks: [{ type: not-contains, value: "luna" }] }
  - { id: not-luna-again, prompt: "Hello, case five", checks: [{ type: regex, value: "^Hello from (claude|gpt-6\\\\.2)" }] }
  - { id: not-sol, prompt: "Hello, case six", checks: [{ type: not-contains, value: "sol" }] }
`;

function folder(): vscode.Uri {
  return vscode.workspace.workspaceFolders?.[0]?.uri ?? assert.fail('the integration host opens a workspace folder');
}

function ask(prompt: string): Thenable<AnswerSummary | undefined> {
  return vscode.commands.executeCommand<AnswerSummary | undefined>('quorum.askBestModel', { attachContext: false, prompt });
}

/** Asks until the route has caught up with the settings just written (the watcher reloads them on its own turn). */
async function askUntilRoutedTo(model: string): Promise<AnswerSummary> {
  let last: AnswerSummary | undefined;
  for (let i = 0; i < 20; i += 1) {
    last = await ask('Say hello to the evals test');
    if (last?.chain[0] === model) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  return assert.fail(`never routed to ${model}: last chain ${last?.chain.join(', ') ?? 'none'}`);
}

function lastEvalsState(messages: readonly { type: string }[]): EvalsState | undefined {
  const found = [...messages].reverse().find((m) => m.type === 'evals/state' || m.type === 'panel/snapshot') as
    { type: 'evals/state'; evals: EvalsState } | { type: 'panel/snapshot'; snapshot: { evals?: EvalsState } } | undefined;
  return found === undefined ? undefined : found.type === 'evals/state' ? found.evals : found.snapshot.evals;
}

function rulesNow(): { use: { model: string }; eval?: { suite: string }; suspended?: unknown }[] {
  return vscode.workspace.getConfiguration().inspect<{ use: { model: string }; eval?: { suite: string }; suspended?: unknown }[]>('quorum.routing.rules')?.globalValue ?? [];
}

describe('Evals: a suite across three fake models, routed and demoted', function () {
  this.timeout(120_000);
  const setting = useFakeProviders(KEYS, {
    'quorum.privacy.allowedProviders': ['openai', 'anthropic'],
    'quorum.fallback.maxRetriesPerModel': 0,
    'quorum.routing.rules': [],
    'quorum.evals.resultsLocation': 'workspace',
  });
  before(async () => {
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder(), '.quorum', 'evals', `${SUITE}.yaml`), new TextEncoder().encode(SUITE_YAML));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder(), '.quorum', 'evals', 'broken.yaml'), new TextEncoder().encode('feature: ask\ncases:\n  - { prompt: "x", checks: [{ type: javascript, value: "1" }] }\n'));
  });
  after(async () => {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder(), '.quorum'), { recursive: true, useTrash: false });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  let firstRun: EvalRun | undefined;
  let regression: EvalRun | undefined;

  it('runs 6 cases on three models and gives the expected matrix, in the Evals tab too', async () => {
    const api = await quorumApi();
    api.clearPanelMessages();
    firstRun = await vscode.commands.executeCommand<EvalRun | undefined>('quorum.runEvals', { suites: [SUITE], models: MODELS });
    const report = firstRun?.suites[0] ?? assert.fail('a run with the suite');
    assert.deepEqual(report.models.map((m) => [m.model, m.passed, m.cases, m.passes]), [[LUNA, 4, 6, false], [HAIKU, 6, 6, true], [SOL, 5, 6, true]]);
    assert.equal(report.cheapestPassing, HAIKU);
    assert.ok(report.models.every((m) => m.costPerCaseUsd !== null && m.costPerCaseUsd > 0 && m.p50Ms !== null && m.p95Ms !== null));
    assert.deepEqual(report.cases.filter((c) => !c.pass).map((c) => `${c.case} ${c.model}`).sort(), [`not-luna ${LUNA}`, `not-luna-again ${LUNA}`, `not-sol ${SOL}`]);
    const tab = await waitFor(() => {
      const state = lastEvalsState(api.panelMessages());
      return state?.run?.id === firstRun?.id ? state : undefined;
    }, 'the Evals tab showing the run');
    const shown = tab.run?.results[0];
    assert.deepEqual(shown?.rows.map((r) => [r.model, r.passRate, r.passes]), [[LUNA, '66.7 % (4/6)', false], [HAIKU, '100 % (6/6)', true], [SOL, '83.3 % (5/6)', true]]);
    assert.deepEqual(shown?.route, { model: HAIKU, label: `Route ask to ${HAIKU}`, routed: false });
    assert.match(shown?.cases.find((c) => c.caseId === 'not-sol')?.answers.find((a) => a.model === SOL)?.failure ?? '', /not-contains/);
    assert.deepEqual(tab.invalid.map((i) => i.file), ['.quorum/evals/broken.yaml']);
    assert.match(tab.invalid[0]?.problems[0] ?? '', /^\.quorum\/evals\/broken\.yaml:3:\d+: .*must have a type/);
    const kept = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(folder(), '.quorum', 'results'));
    assert.equal(kept.filter(([name]) => name.endsWith(`${firstRun?.id ?? '?'}.json`)).length, 1, 'the run is kept in .quorum/results');
  });

  it('"Route to" writes the rule with the suite id, and the next Ask follows it, chosen by the eval suite', async () => {
    const api = await quorumApi();
    await api.panelMessage({ type: 'evals/route', suite: SUITE, model: HAIKU });
    await waitFor(() => rulesNow().find((r) => r.eval?.suite === SUITE && r.suspended === undefined), 'the eval rule in quorum.routing.rules');
    assert.deepEqual(rulesNow().map((r) => [r.use.model, r.eval?.suite]), [[HAIKU, SUITE]]);
    const answer = await askUntilRoutedTo(HAIKU);
    assert.equal(answer.phase, 'done', answer.error);
    const decision = api.lastRoute();
    assert.equal(decision?.ruleEval?.suite, SUITE);
    assert.ok(decision?.reasons.some((r) => /chosen by eval suite it-greetings, 100 % pass, \$[\d.]+\/case/.test(r)), decision?.reasons.join('\n'));
    assert.match(api.lastAnswer()?.snapshot.header.why ?? '', /^Chosen by eval suite it-greetings, 100 % pass, \$[\d.]+\/case\.$/);
  });

  it('a regression run demotes the routed model (rule suspended, told why) and the next Ask goes to the next cheapest passing model; Undo reverses it', async () => {
    const api = await quorumApi();
    await setting('quorum.evals.resultsLocation', 'global');
    await queueScenario({ vendor: 'anthropic', model: 'claude-haiku-5-5', answer: 'I would rather not.', times: -1 });
    regression = await vscode.commands.executeCommand<EvalRun | undefined>('quorum.runEvals', { suites: [SUITE], models: MODELS, show: false });
    assert.equal(regression?.suites[0]?.models.find((m) => m.model === HAIKU)?.passes, false);
    const rules = await waitFor(() => (rulesNow().length === 2 ? rulesNow() : undefined), 'the demotion written');
    assert.deepEqual(rules.map((r) => [r.use.model, r.suspended !== undefined]), [[HAIKU, true], [SOL, false]]);
    assert.ok(api.logLines.some((l) => /Demoted anthropic\/claude-haiku-5-5 for eval suite it-greetings \(you\).*gpt-6\.2-sol passes/.test(l)), 'the change is logged');
    const state = lastEvalsState(api.panelMessages());
    const demotion = state?.changes.find((c) => /Demoted/.test(c.text));
    assert.ok(demotion?.undoable, 'the change is listed with Undo');
    await askUntilRoutedTo(SOL);
    assert.match(api.lastAnswer()?.snapshot.header.why ?? '', /^Chosen by eval suite it-greetings, 83 % pass/);
    const kept = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(folder(), '.quorum', 'results'));
    assert.equal(kept.some(([name]) => name.includes(regression?.id ?? '?')), false, 'resultsLocation global keeps it out of the workspace');

    await vscode.commands.executeCommand('quorum.undoEvalRoutingChange', demotion?.id);
    await waitFor(() => (rulesNow().length === 1 && rulesNow()[0]?.suspended === undefined ? true : undefined), 'the demotion undone');
    assert.equal(rulesNow()[0]?.use.model, HAIKU);
  });

  it('a CLI --json results file read as a run demotes the routed model too', async () => {
    const api = await quorumApi();
    assert.equal(rulesNow().length, 1, 'haiku routes the suite again after the Undo');
    const file = vscode.Uri.joinPath(folder(), '.quorum', 'ci-results.json');
    const cli = { suites: regression?.suites ?? assert.fail('the regression run'), calls: 18, totalCostUsd: null, exitCode: 0 };
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify(cli)));
    await vscode.commands.executeCommand('quorum.openEvalResults', file);
    const rules = await waitFor(() => (rulesNow().length === 2 ? rulesNow() : undefined), 'the demotion from the CLI file');
    assert.deepEqual(rules.map((r) => [r.use.model, r.suspended !== undefined]), [[HAIKU, true], [SOL, false]]);
    assert.ok(api.logLines.some((l) => /Demoted anthropic\/claude-haiku-5-5 for eval suite it-greetings \(CLI results \.quorum\/ci-results\.json\)/.test(l)), 'logged with its source');
  });
});
