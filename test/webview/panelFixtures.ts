// Host messages for the Quorum panel's harness tests and benchmark: models, snapshots, realistic answers
// (markdown with code fences) and a tokenizer that cuts them the way streams arrive.
import type { CompareColumn, CompareState, PanelModel, PanelSnapshot } from '../../src/shared/panelProtocol';
import type { VoteState } from '../../src/shared/voteProtocol';
import type { SpendSnapshot } from '../../src/shared/spendProtocol';

export const MODELS: readonly PanelModel[] = [
  { ref: 'openai/gpt-6-luna', label: 'GPT-6 Luna', provider: 'OpenAI', priced: true },
  { ref: 'anthropic/claude-sonnet-5-5', label: 'Claude Sonnet 5.5', provider: 'Anthropic', priced: true },
  { ref: 'gemini/gemini-3-flash', label: 'Gemini 3 Flash', provider: 'Google', priced: true },
  { ref: 'compat:ollama/llama3.2:latest', label: 'llama3.2', provider: 'Ollama (local)', priced: false },
  { ref: 'openai/gpt-6-nano', label: 'GPT-6 Nano', provider: 'OpenAI', priced: true },
  { ref: 'anthropic/claude-haiku-5', label: 'Claude Haiku 5', provider: 'Anthropic', priced: true },
  { ref: 'gemini/gemini-3-pro', label: 'Gemini 3 Pro', provider: 'Google', priced: true },
];

/** A column as a run starts it: waiting, no text. */
export function waitingColumn(index: number, id = `c${index}`): CompareColumn {
  const model = MODELS[index % MODELS.length] as PanelModel;
  return { id, ref: model.ref, label: model.label, provider: model.provider, status: 'waiting', text: '' };
}

export function compareState(columns: readonly CompareColumn[], extra: Partial<CompareState> = {}): CompareState {
  return {
    selected: columns.map((c) => c.ref).filter((ref, i, all) => all.indexOf(ref) === i),
    prompt: 'Write a debounce helper in TypeScript and explain it.',
    attachFile: false,
    activeFile: 'src/util/debounce.ts',
    running: columns.some((c) => c.status === 'waiting' || c.status === 'streaming'),
    columns,
    ...extra,
  };
}

export const EMPTY_VOTE_STATE: VoteState = { strategy: 'majority', selected: [], prompt: '', running: false, members: [] };

export function panelSnapshot(extra: Partial<PanelSnapshot> = {}): PanelSnapshot {
  return { view: 'compare', models: MODELS, compare: compareState([]), vote: EMPTY_VOTE_STATE, ...extra };
}

/** A vote of three: two agree, one failed; cost partly unknown. */
export function finishedVote(): VoteState {
  return {
    strategy: 'majority',
    selected: [MODELS[0]!.ref, MODELS[1]!.ref, MODELS[3]!.ref],
    earlyExitK: 2,
    prompt: 'Is 2^61 - 1 prime? Answer yes or no.',
    running: false,
    estimateUsd: 0.0042,
    estimateUnpricedModels: 1,
    members: [
      { ref: MODELS[0]!.ref, label: MODELS[0]!.label, status: 'done', answer: '**Yes.** 2^61 − 1 is a Mersenne prime.', normalised: 'yes', cluster: 0, confidence: 0.92, costUsd: 0.0012, totalMs: 1430 },
      { ref: MODELS[1]!.ref, label: MODELS[1]!.label, status: 'done', answer: 'Yes — it is the ninth Mersenne prime.', normalised: 'yes', cluster: 0, confidence: 0.88, costUsd: 0.0021, totalMs: 2210 },
      { ref: MODELS[3]!.ref, label: MODELS[3]!.label, status: 'failed', error: 'HTTP 500 from the endpoint (serverError)', totalMs: 310 },
    ],
    result: {
      winner: '**Yes.** 2^61 − 1 is a Mersenne prime.',
      winnerCluster: 0,
      agreement: 1,
      why: 'Both valid answers normalise to “yes”; the failed model is left out.',
      totalCostUsd: 0.0033,
      unpricedCalls: 1,
      totalMs: 2260,
    },
  };
}

export function spendSnapshot(): SpendSnapshot {
  return {
    workspace: 'quorum',
    generatedAt: Date.UTC(2025, 0, 15, 12),
    today: { costUsd: 0.0123, calls: 4, unpricedCalls: 1 },
    month: { costUsd: 1.23, calls: 40, unpricedCalls: 1 },
    all: { costUsd: 12.5, calls: 400, unpricedCalls: 0 },
    budget: {},
    byModel: [{ key: 'openai/gpt-6-luna', label: 'GPT-6 Luna', costUsd: 1.2, calls: 30, unpricedCalls: 0, p50Ms: 800, p95Ms: 2100, p99Ms: 4000, errorRate: 0.05, failovers: 2 }],
    byProvider: [{ key: 'openai', label: 'OpenAI', costUsd: 1.2, calls: 30, unpricedCalls: 0 }],
    byFeature: [{ key: 'compare', label: 'Compare', costUsd: 1.23, calls: 40, unpricedCalls: 1 }],
    recentFailovers: [],
    daily: DAILY,
    invalidLines: 0,
  };
}

/**
 * 2024-12-17 … 2025-01-15 (today): quiet weekends and holidays (zero days), a busy 12 January, a day whose
 * only call had no known price and today with one of each.
 */
export const DAILY: SpendSnapshot['daily'] = Array.from({ length: 30 }, (_, i) => {
  const day = new Date(Date.UTC(2024, 11, 17 + i)).toISOString().slice(0, 10);
  const weekday = new Date(Date.UTC(2024, 11, 17 + i)).getUTCDay();
  if (day === '2025-01-12') return { day, costUsd: 0.42, calls: 12, unpricedCalls: 0 };
  if (day === '2025-01-08') return { day, costUsd: 0, calls: 1, unpricedCalls: 1 };
  if (day === '2025-01-15') return { day, costUsd: 0.0123, calls: 4, unpricedCalls: 1 };
  if (weekday === 0 || weekday === 6 || day === '2024-12-25' || day === '2025-01-01') return { day, costUsd: 0, calls: 0, unpricedCalls: 0 };
  return { day, costUsd: 0.01 + ((i * 37) % 11) / 100, calls: 1 + ((i * 5) % 7), unpricedCalls: 0 };
});

/** Three answers of the kind models give: prose, lists, inline code and fenced code. */
export const ANSWERS: readonly string[] = [
  [
    '## A typed `debounce`', '',
    'Delays calls to `fn` until `waitMs` have passed without another call. The **last** arguments win.', '',
    '```ts',
    'export function debounce<A extends unknown[]>(fn: (...args: A) => void, waitMs: number): (...args: A) => void {',
    '  let timer: ReturnType<typeof setTimeout> | undefined;',
    '  return (...args: A) => {',
    '    if (timer !== undefined) clearTimeout(timer);',
    '    timer = setTimeout(() => fn(...args), waitMs);',
    '  };',
    '}',
    '```', '',
    'Notes:', '',
    '- Keeps one timer per debounced function.',
    '- `waitMs` is in milliseconds.',
    '- See [MDN on setTimeout](https://developer.mozilla.org/docs/Web/API/setTimeout).', '',
  ].join('\n'),
  [
    'Here is a version with a `cancel()` method, which is handy in components that unmount:', '',
    '```typescript',
    'export function debounce<T extends (...args: never[]) => void>(fn: T, ms: number) {',
    '  let handle: number | undefined;',
    '  const debounced = (...args: Parameters<T>) => {',
    '    window.clearTimeout(handle);',
    '    handle = window.setTimeout(() => fn(...args), ms);',
    '  };',
    '  debounced.cancel = () => window.clearTimeout(handle);',
    '  return debounced;',
    '}',
    '```', '',
    '1. Call `debounced()` as often as you like.',
    '2. Call `debounced.cancel()` on teardown.', '',
    '> Tip: for *leading-edge* behaviour, run `fn` when `handle` is undefined.', '',
  ].join('\n'),
  [
    '### Short answer', '',
    'Use a closure over a timer id:', '',
    '```js',
    'const debounce = (fn, ms = 200) => {',
    '  let t;',
    '  return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); };',
    '};',
    '```', '',
    '| Option | Meaning |',
    '| --- | --- |',
    '| `ms` | quiet period |',
    '| `fn` | the callback |', '',
    'That is all there is to it.', '',
  ].join('\n'),
];

/** Cuts text into stream-sized pieces (~4 characters, words kept whole when short), as tokens arrive. */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S{1,6}|\s+/g) ?? [];
}
