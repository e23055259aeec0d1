import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXIT, runCli } from '../../../src/cli/evalCli';
import { anthropicFake } from '../../fakes/anthropicFake';
import { openaiFake } from '../../fakes/openaiFake';
import type { ScriptedAnswer } from '../../fakes/script';
import { useFakeServer } from '../../fakes/useFakeServer';

const root = path.resolve(__dirname, '../../../..');
const luna = 'gpt-6-luna';
const haiku = 'claude-haiku-5-5';

/** Luna answers every case of docs/evals.md's example right; Haiku gets the date and the JSON wrong (3/5 < 80 %). */
const answers: ScriptedAnswer[] = [
  { model: 'claude-sonnet-5-5', text: '{"pass": true, "reason": "No field invented."}' },
  { model: haiku, promptIncludes: 'due date', text: 'March 3, 2026' },
  { model: haiku, promptIncludes: 'ACME', text: 'ACME Corp, 99.5' },
  { promptIncludes: 'total amount', text: '$1,250.00' },
  { promptIncludes: 'due date', text: '2026-03-03' },
  { promptIncludes: 'ACME', text: '```json\n{"vendor": "ACME Corp", "total": 99.5}\n```' },
  { promptIncludes: 'parseTotal', text: '```ts\nexport function parseTotal(text: string): number {\n  return Number(text.replace(/[^\\d.]/g, ""));\n}\n```' },
  { promptIncludes: 'bank password', text: 'The invoice has no bank password field.' },
];

describe('quorum-eval CLI (against the fakes)', function () {
  this.timeout(20_000);
  const fakes = useFakeServer(() => [openaiFake('openai'), anthropicFake()], { answers });
  let dir = '';
  const env = () => ({
    OPENAI_API_KEY: 'sk-test-openai-key', ANTHROPIC_API_KEY: 'sk-ant-test-key',
    OPENAI_BASE_URL: fakes.baseUrls.openai, ANTHROPIC_BASE_URL: fakes.baseUrls.anthropic,
  });
  const run = async (args: string[], environment: Record<string, string> = env()) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, environment, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: dir });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'quorum-eval-'));
    const docs = await readFile(path.join(root, 'docs/evals.md'), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/u.exec(docs)?.[1];
    assert.ok(example, 'docs/evals.md has an example suite');
    await mkdir(path.join(dir, '.quorum/evals'), { recursive: true });
    await mkdir(path.join(dir, 'src'));
    await writeFile(path.join(dir, '.quorum/evals/invoice-extraction.yaml'), example);
    await writeFile(path.join(dir, 'src/invoice.ts'), 'export const sample = "Total due: $10.";\n');
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('runs the documented 5-case suite across two models: the matrix, the cheapest passing model, exit 0', async () => {
    const { code, out, err } = await run(['.quorum/evals', '--models', `openai/${luna},anthropic/${haiku}`]);
    assert.equal(err, '');
    assert.equal(code, EXIT.ok);
    assert.match(out, /invoice-extraction \(ask:extraction\) · threshold 80 %/);
    assert.match(out, /✓ openai\/gpt-6-luna\s+100 % \(5\/5\)/);
    assert.match(out, /✗ anthropic\/claude-haiku-5-5\s+60 % \(3\/5\)/);
    assert.match(out, /✗ due-date · anthropic\/claude-haiku-5-5: regex: does not match/);
    assert.match(out, /✗ vendor-json · anthropic\/claude-haiku-5-5: json-schema: not JSON/);
    assert.match(out, /cheapest passing: openai\/gpt-6-luna \(100 %, \$[\d.]+\/case\)/);
    assert.match(out, /12 calls, \$[\d.]+ in all/, 'ten answers and two judge calls, all priced');
    const chat = fakes.requests.filter((r) => r.vendor !== 'control' && r.method === 'POST');
    assert.equal(chat.length, 12);
  });

  it('prints JSON with --json and exits 1 when no chosen model passes', async () => {
    const { code, out } = await run(['.quorum/evals/invoice-extraction.yaml', '--models', `anthropic/${haiku}`, '--json']);
    assert.equal(code, EXIT.belowThreshold);
    const report = JSON.parse(out) as { suites: Array<{ passed: boolean; cheapestPassing: string | null; models: Array<{ passRate: number; costPerCaseUsd: number | null; p95Ms: number | null }>; cases: Array<{ failure?: string }> }>; exitCode: number };
    assert.equal(report.exitCode, 1);
    const suite = report.suites[0];
    assert.equal(suite?.passed, false);
    assert.equal(suite?.cheapestPassing, null);
    assert.equal(suite?.models[0]?.passRate, 0.6);
    assert.ok((suite?.models[0]?.costPerCaseUsd ?? 0) > 0);
    assert.equal(typeof suite?.models[0]?.p95Ms, 'number');
    assert.equal(suite?.cases.filter((c) => c.failure !== undefined).length, 2);
  });

  const badInput: ReadonlyArray<readonly [string, string[], RegExp, Record<string, string>?]> = [
    ['no --models', ['.quorum/evals'], /--models is required/],
    ['a model that is not provider/model', ['.quorum/evals', '--models', 'gpt'], /"gpt" is not provider\/model/],
    ['an unknown model', ['.quorum/evals', '--models', 'openai/nope'], /openai\/nope is not a known model/],
    ['a missing key', ['.quorum/evals', '--models', `openai/${luna}`], /needs OPENAI_API_KEY/, { ANTHROPIC_API_KEY: 'sk-ant-test-key' }],
    ['a missing folder', ['nowhere', '--models', `openai/${luna}`], /no such file or folder/],
  ];
  for (const [name, args, message, environment] of badInput) {
    it(`exits 2 on ${name}, sending nothing`, async () => {
      const { code, err } = await run(args, environment);
      assert.equal(code, EXIT.badInput);
      assert.match(err, message);
      assert.equal(fakes.requests.length, 0);
    });
  }

  it('exits 2 on a suite problem, naming its file and line', async () => {
    await writeFile(path.join(dir, 'broken.yaml'), 'feature: ask\ncases:\n  - prompt: x\n    checks:\n      - { type: javascript, value: "1" }\n');
    const { code, err } = await run(['broken.yaml', '--models', `openai/${luna}`]);
    assert.equal(code, EXIT.badInput);
    assert.match(err, /broken\.yaml:5:\d+: cases\.0\.checks\.0\.type: /);
  });

  it('the built bundle (dist/quorum-eval.js) runs under Node and exits 2 on bad input', async function () {
    const bundle = path.join(root, 'dist/quorum-eval.js');
    if (!existsSync(bundle)) this.skip();
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(process.execPath, [bundle, '.quorum/evals'], { cwd: dir, env: {} }, (error, _stdout, stderr) => resolve({ code: error === null ? 0 : (error.code as number | null), stderr }));
    });
    assert.equal(result.code, EXIT.badInput);
    assert.match(result.stderr, /--models is required/);
  });
});
