// `npm test`: toolchain → build → unit → integration → e2e, then one summary.
//   node test/harness/runAll.mjs [--tier unit|integration|e2e]
// The last line is always `N passed, N failed` (`, N skipped` when some were): a tier that could
// not run, or a failed build, counts as a failure, never as zero tests. Exit code 0 only when
// everything ran and passed.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from './build.mjs';
import { runE2E } from './runE2E.mjs';
import { runIntegration } from './runIntegration.mjs';
import { runMocha } from './runMocha.mjs';
import { ensureToolchain, repoRoot, tmpDir } from './toolchain.mjs';
import { continueUnderNode24 } from './withNode24.mjs';

const tiers = {
  unit: () => runMocha({ specs: ['out/test/unit/**/*.test.js'], timeoutMs: 5_000 }),
  integration: runIntegration,
  e2e: runE2E,
};

// Tests reach vendors only through the fakes and explicit settings; a developer's real keys or
// base URLs in the environment must not leak into them.
// (The SDKs also read *_CUSTOM_HEADERS with no option to turn that off.)
const vendorEnvironment = ['OPENAI_BASE_URL', 'ANTHROPIC_BASE_URL', 'GOOGLE_GEMINI_BASE_URL', 'GOOGLE_VERTEX_BASE_URL',
  'GEMINI_API_KEY', 'GOOGLE_API_KEY', 'OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'OPENAI_CUSTOM_HEADERS',
  'ANTHROPIC_CUSTOM_HEADERS', 'OPENAI_ORG_ID', 'OPENAI_PROJECT_ID', 'ANTHROPIC_AUTH_TOKEN'];

await continueUnderNode24();
const selected = selectedTiers(process.argv.slice(2));
for (const name of vendorEnvironment) delete process.env[name];
// Playwright, node-gyp and Node's compile cache write to TMPDIR: keep that inside the cache too.
mkdirSync(tmpDir, { recursive: true });
process.env.TMPDIR = tmpDir;
// test-results/ holds this run's screenshots only, never a stale failure from an earlier one.
rmSync(path.join(repoRoot, 'test-results'), { recursive: true, force: true });
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

const results = [];
const failedStep = (await step('toolchain', prepareToolchain)) ?? (await step('build', build));
if (!failedStep) {
  for (const name of selected) {
    banner(name);
    const started = Date.now();
    try {
      results.push({ name, ...(await tiers[name]()), ms: Date.now() - started });
    } catch (error) {
      console.error(`[${name}] could not run: ${error.message}`);
      results.push({ name, passed: 0, failed: 1, skipped: 0, ms: Date.now() - started, error: 'could not run' });
    }
  }
}
printSummary(failedStep);

function selectedTiers(args) {
  const names = Object.keys(tiers);
  if (args.length === 0) return names;
  if (args[0] === '--tier' && names.includes(args[1]) && args.length === 2) return [args[1]];
  console.error(`usage: node test/harness/runAll.mjs [--tier ${names.join('|')}]`);
  process.exit(2);
}

async function prepareToolchain() {
  // The unit tier needs only Node 24, which is already running this script.
  if (selected.some((name) => name !== 'unit')) await ensureToolchain();
}

/** Runs a preparation step and records its time; returns the step's name when it failed. */
async function step(name, run) {
  const started = Date.now();
  try {
    await run();
    results.push({ name, ms: Date.now() - started });
    return undefined;
  } catch (error) {
    console.error(`[${name}] ${error.message}`);
    return name;
  }
}

function banner(name) {
  console.log(`\n── ${name} ${'─'.repeat(60 - name.length)}`);
}

function printSummary(failedStep) {
  banner('summary');
  const tierResults = results.filter((result) => result.passed !== undefined);
  for (const result of results) {
    const counts = result.passed === undefined ? '' : result.error ?? countsText(result);
    console.log(`${result.name.padEnd(12)} ${counts.padEnd(34)} ${(result.ms / 1000).toFixed(1).padStart(6)} s`);
  }
  if (failedStep) console.log(`${failedStep.padEnd(12)} failed: no tier ran`);
  const total = {
    passed: sum(tierResults, 'passed'),
    failed: sum(tierResults, 'failed') + (failedStep ? 1 : 0),
    skipped: sum(tierResults, 'skipped'),
  };
  console.log(countsText(total));
  process.exitCode = total.failed > 0 ? 1 : 0;
}

function countsText({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}

function sum(items, key) {
  return items.reduce((total, item) => total + item[key], 0);
}
