// route.decide: classification + policy + routing for one prompt, over the classifier's corpus of
// labelled, varied prompts (short asks, code, images, long documents) and the built-in catalog.
// Target (issue 3): p99 <= 0.05 ms.
import { builtinModels } from '../src/core/catalog/builtinModels';
import { buildCatalog } from '../src/core/catalog/modelCatalog';
import { validateSettings } from '../src/core/config/validateSettings';
import { AVAILABLE } from '../src/core/resilience/availability';
import { classify } from '../src/core/routing/classify';
import { route, type RoutingContext } from '../src/core/routing/router';
import { preloadTokenizer } from '../src/core/routing/tokenEstimate';
import { CLASSIFY_FIXTURES } from '../test/unit/core/routing/classifyFixtures';
import { medianOfBlockPercentiles, percentile, round } from './stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
/** p99 is the median of this many consecutive blocks' p99s: one descheduled call moves one block only. */
const BLOCKS = 10;

function main(): void {
  preloadTokenizer();
  const settings = validateSettings(() => undefined).value;
  const context: RoutingContext = {
    catalog: buildCatalog({ builtin: builtinModels, userEntries: [], discovered: [] }),
    providerAvailable: () => true,
    isLocal: () => false,
    availability: () => AVAILABLE,
    settings,
  };
  const requests = CLASSIFY_FIXTURES.map((f) => f.request);
  const decide = (i: number): void => {
    const request = requests[i % requests.length]!;
    route(request, classify(request), context);
  };
  for (let i = 0; i < requests.length * 20; i++) decide(i); // warm-up: JIT and the tokenizer's caches
  const times: number[] = [];
  for (let i = 0; i < requests.length * ROUNDS; i++) {
    const t0 = process.hrtime.bigint();
    decide(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  console.log(JSON.stringify({
    name: 'route.decide',
    runs: times.length,
    corpus: requests.length,
    p50_ms: round(percentile(times, 50), 4),
    p99_ms: round(medianOfBlockPercentiles(times, BLOCKS, 99), 4),
    p99_pooled_ms: round(percentile(times, 99), 4),
    max_ms: round(percentile(times, 100), 4),
    target_p99_ms: 0.05,
  }));
}

main();
