// Shared set-up for the routing benchmarks: the loopback fakes, real adapters for OpenAI and Anthropic,
// the built-in catalog, and a fallback runner with real breakers and health, as the extension wires them.
import { builtinModels } from '../src/core/catalog/builtinModels';
import { buildCatalog } from '../src/core/catalog/modelCatalog';
import { validateSettings } from '../src/core/config/validateSettings';
import { silentLogger, systemClock } from '../src/core/ports';
import { createAnthropicProvider } from '../src/core/providers/anthropic/provider';
import { createOpenAIProvider } from '../src/core/providers/openai/provider';
import type { Provider } from '../src/core/providers/provider';
import { AVAILABLE } from '../src/core/resilience/availability';
import { abortableSleep } from '../src/core/resilience/backoff';
import { BreakerRegistry } from '../src/core/resilience/breaker';
import { FallbackRunner } from '../src/core/resilience/fallbackRunner';
import { HealthMonitor } from '../src/core/resilience/health';
import type { RunEvent, RunResult } from '../src/core/resilience/runEvents';
import type { RoutingContext } from '../src/core/routing/router';
import type { ChatRequest, ModelRef } from '../src/core/types';
import { startAllFakes } from '../test/fakes/allFakes';
import type { FakeServer } from '../test/fakes/fakeServer';

export const KEY = 'bench-key-000000';

export interface RouteBench {
  readonly fake: FakeServer;
  readonly providers: ReadonlyMap<string, Provider>;
  readonly context: RoutingContext;
  /** A runner with fresh breakers and health (each benchmark decides how long they live). */
  newRunner(): { runner: FallbackRunner; breakers: BreakerRegistry };
  close(): Promise<void>;
}

export async function startRouteBench(): Promise<RouteBench> {
  const fake = await startAllFakes();
  const providers = new Map<string, Provider>([
    ['openai', createOpenAIProvider({ id: 'openai', displayName: 'OpenAI', apiKey: KEY, baseUrl: fake.baseUrls.openai })],
    ['anthropic', createAnthropicProvider({ id: 'anthropic', displayName: 'Anthropic', apiKey: KEY, baseUrl: fake.baseUrls.anthropic })],
  ]);
  const settings = validateSettings(() => undefined).value;
  const context: RoutingContext = {
    catalog: buildCatalog({ builtin: builtinModels, userEntries: [], discovered: [] }),
    providerAvailable: (id) => providers.has(id),
    isLocal: () => false,
    availability: () => AVAILABLE,
    settings,
  };
  const newRunner = (): { runner: FallbackRunner; breakers: BreakerRegistry } => {
    const breakers = new BreakerRegistry(systemClock);
    const health = new HealthMonitor({ clock: systemClock, breakers });
    const runner = new FallbackRunner({
      getProvider: async (id) => providers.get(id), breakers, health, clock: systemClock,
      sleep: abortableSleep, random: Math.random, logger: silentLogger,
    });
    return { runner, breakers };
  };
  return { fake, providers, context, newRunner, close: () => fake.close() };
}

/** Runs a chain to the end and returns the result; throws if no model answered. */
export async function runChain(
  runner: FallbackRunner,
  chain: readonly ModelRef[],
  request: Omit<ChatRequest, 'model'>,
  maxRetriesPerModel: number,
): Promise<RunResult> {
  const run = runner.run(chain, request, { signal: new AbortController().signal, deadlineMs: 30_000, maxRetriesPerModel, tryAnotherOnContentFilter: false });
  for (;;) {
    const step: IteratorResult<RunEvent, RunResult> = await run.next();
    if (step.done) return step.value;
  }
}
