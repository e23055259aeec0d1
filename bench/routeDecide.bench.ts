// route.decide: classification + policy + routing for one prompt, over the classifier's corpus of labelled,
// varied prompts (short asks, code, images) and the editor-style held-out prompts, all ≤ 2,000 chars, on the
// built-in catalog. The learned path (heuristic + trained model, what Ask uses) and the old heuristic-only
// path run in interleaved blocks; the figure is the median of the per-block p99s.
// Target (issue 11): learned p99 <= 0.15 ms.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinModels } from '../src/core/catalog/builtinModels';
import { buildCatalog } from '../src/core/catalog/modelCatalog';
import { validateSettings } from '../src/core/config/validateSettings';
import { AVAILABLE } from '../src/core/resilience/availability';
import { classify } from '../src/core/routing/classify';
import { classifyLearned, routerModel } from '../src/core/routing/learnedClassify';
import { route, type RoutingContext } from '../src/core/routing/router';
import type { RouteRequest } from '../src/core/routing/taskProfile';
import { preloadTokenizer } from '../src/core/routing/tokenEstimate';
import { CLASSIFY_FIXTURES } from '../test/unit/core/routing/classifyFixtures';
import { percentile, round } from './stats';

const BLOCKS = Number(process.env.BENCH_ROUNDS ?? 40);
const MAX_CHARS = 2_000;

function textLength(request: RouteRequest): number {
  return request.messages.reduce((n, m) => n + (typeof m.content === 'string' ? m.content.length : m.content.reduce((k, p) => k + (p.type === 'text' ? p.text.length : 0), 0)), 0);
}

function corpus(): RouteRequest[] {
  const held = readFileSync(join(process.cwd(), 'data', 'router', 'heldout-01.jsonl'), 'utf8').split('\n').filter(Boolean)
    .map((line) => ({ messages: [{ role: 'user' as const, content: (JSON.parse(line) as { prompt: string }).prompt }], feature: 'ask' as const }));
  return [...CLASSIFY_FIXTURES.map((f) => f.request), ...held].filter((r) => textLength(r) <= MAX_CHARS);
}

function block(requests: readonly RouteRequest[], decide: (r: RouteRequest) => void): number {
  const times: number[] = [];
  for (const request of requests) {
    const t0 = process.hrtime.bigint();
    decide(request);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return percentile(times, 99);
}

function main(): void {
  preloadTokenizer();
  routerModel(); // decoded once, as on the first route
  const settings = validateSettings(() => undefined).value;
  const context: RoutingContext = {
    catalog: buildCatalog({ builtin: builtinModels, userEntries: [], discovered: [] }),
    providerAvailable: () => true,
    isLocal: () => false,
    availability: () => AVAILABLE,
    settings,
  };
  const requests = corpus();
  const learned = (r: RouteRequest): void => void route(r, classifyLearned(r), context);
  const heuristic = (r: RouteRequest): void => void route(r, classify(r), context);
  for (let i = 0; i < 10; i++) [learned, heuristic].forEach((decide) => block(requests, decide)); // warm-up
  const p99s = { learned: [] as number[], heuristic: [] as number[] };
  for (let i = 0; i < BLOCKS; i++) {
    p99s.learned.push(block(requests, learned));
    p99s.heuristic.push(block(requests, heuristic));
  }
  const p99 = percentile(p99s.learned, 50);
  const baseline = percentile(p99s.heuristic, 50);
  console.log(JSON.stringify({
    name: 'route.decide',
    runs: BLOCKS * requests.length,
    corpus: requests.length,
    max_chars: MAX_CHARS,
    p99_ms: round(p99, 4),
    baseline_p99_ms: round(baseline, 4),
    ratio_p99: round(p99 / baseline, 2),
    target_p99_ms: 0.15,
  }));
}

main();
