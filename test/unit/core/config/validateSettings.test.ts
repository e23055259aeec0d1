import assert from 'node:assert/strict';
import { validateSettings } from '../../../../src/core/config/validateSettings';
import type { QuorumSettings } from '../../../../src/core/config/settingsSchema';
import { itValidates, run, summary, type IssueRow, type Raw } from './settingsRows';


const DEFAULTS: QuorumSettings = {
  providers: { openai: {}, anthropic: {}, gemini: { apiVersion: 'v1beta' }, openaiCompatible: [], vscodeLm: false },
  models: [],
  timeouts: { firstTokenMs: 60_000, idleMs: 30_000 },
  providerCheckTimeoutMs: 10_000,
  routing: { classifier: 'heuristic', quality: 'balanced', rules: [], featureTiers: {} },
  codeActionTiers: {},
  privacy: { localOnlyGlobs: [] },
  fallback: { maxRetriesPerModel: 2, totalDeadlineMs: 120_000, tryAnotherOnContentFilter: false },
  health: { activeChecks: false, intervalMs: 60_000 },
  ask: { contextTokenBudget: 8000, confirmAboveUsd: 0 },
  budget: { onExceed: 'confirm', stopStreamingAtCap: false },
  spendStatusBarScope: 'today',
  cache: { exact: {} },
  evals: { batch: 'auto', resultsLocation: 'workspace', schedule: 'off' },
};

const OLLAMA = { id: 'ollama', baseUrl: 'http://localhost:11434/v1' };

interface GoodRow {
  readonly name: string;
  readonly raw: Raw;
  readonly pick: (settings: QuorumSettings) => unknown;
  readonly expected: unknown;
}

const GOOD: readonly GoodRow[] = [
  {
    name: 'reads the exact response cache per feature',
    raw: { 'quorum.cache.exact': { ask: true, codeAction: false } },
    pick: (s) => s.cache.exact,
    expected: { ask: true, codeAction: false },
  },
  {
    name: 'reads a minimum tier per code action',
    raw: { 'quorum.codeActions.tiers': { fix: 'premium', explain: 'budget' } },
    pick: (s) => s.codeActionTiers,
    expected: { fix: 'premium', explain: 'budget' },
  },
  {
    name: 'reads budget caps, with 0 meaning no cap',
    raw: { 'quorum.budget.dailyUsd': 2.5, 'quorum.budget.monthlyUsd': 0, 'quorum.budget.onExceed': 'block', 'quorum.budget.stopStreamingAtCap': true },
    pick: (s) => s.budget,
    expected: { dailyUsd: 2.5, onExceed: 'block', stopStreamingAtCap: true },
  },
  {
    name: 'reads the savings baseline and the meter scope',
    raw: { 'quorum.savings.baselineModel': ' openai/gpt-6.2-astra ', 'quorum.spend.statusBarScope': 'month' },
    pick: (s) => [s.savingsBaselineModel, s.spendStatusBarScope],
    expected: ['openai/gpt-6.2-astra', 'month'],
  },
  {
    name: 'keeps an OpenAI base URL without its trailing slash',
    raw: { 'quorum.providers.openai.baseUrl': 'https://gateway.example.com/v1/' },
    pick: (s) => s.providers.openai,
    expected: { baseUrl: 'https://gateway.example.com/v1' },
  },
  { name: 'reads an empty base URL as the vendor default', raw: { 'quorum.providers.anthropic.baseUrl': '' }, pick: (s) => s.providers.anthropic, expected: {} },
  { name: 'reads a blank base URL as the vendor default', raw: { 'quorum.providers.gemini.baseUrl': '   ' }, pick: (s) => s.providers.gemini, expected: { apiVersion: 'v1beta' } },
  {
    name: 'keeps a Gemini base URL and API version',
    raw: { 'quorum.providers.gemini.baseUrl': 'http://127.0.0.1:8080', 'quorum.providers.gemini.apiVersion': 'v1' },
    pick: (s) => s.providers.gemini,
    expected: { baseUrl: 'http://127.0.0.1:8080', apiVersion: 'v1' },
  },
  { name: 'converts the first-token timeout to ms', raw: { 'quorum.timeouts.firstTokenSeconds': 1.5 }, pick: (s) => s.timeouts.firstTokenMs, expected: 1500 },
  { name: 'accepts the largest idle timeout', raw: { 'quorum.timeouts.idleSeconds': 600 }, pick: (s) => s.timeouts.idleMs, expected: 600_000 },
  { name: 'accepts the smallest check timeout', raw: { 'quorum.providers.checkTimeoutSeconds': 1 }, pick: (s) => s.providerCheckTimeoutMs, expected: 1000 },
  {
    name: 'completes a minimal local endpoint with its defaults',
    raw: { 'quorum.providers.openaiCompatible': [{ ...OLLAMA, baseUrl: 'http://localhost:11434/v1/' }] },
    pick: (s) => s.providers.openaiCompatible,
    expected: [{ id: 'ollama', providerId: 'compat:ollama', name: 'ollama', baseUrl: 'http://localhost:11434/v1', requiresKey: false, local: true, models: [] }],
  },
  ...[
    ['http://127.0.0.1:1234/v1', true],
    ['http://[::1]:1234/v1', true],
    ['http://lmstudio.localhost/v1', true],
    ['https://api.groq.com/openai/v1', false],
    ['http://192.168.1.20:8000/v1', false],
  ].map(([baseUrl, local]) => ({
    name: `infers local=${String(local)} for ${String(baseUrl)}`,
    raw: { 'quorum.providers.openaiCompatible': [{ id: 'e', baseUrl }] },
    pick: (s: QuorumSettings) => s.providers.openaiCompatible[0]?.local,
    expected: local,
  })),
  {
    name: 'keeps every field of a full endpoint, an explicit local flag first',
    raw: {
      'quorum.providers.openaiCompatible': [
        { id: 'groq', name: 'Groq', baseUrl: 'http://localhost:9000/v1', requiresKey: true, local: false, models: ['llama-4', 'llama-4', ' qwen3 '] },
      ],
    },
    pick: (s) => s.providers.openaiCompatible,
    expected: [
      { id: 'groq', providerId: 'compat:groq', name: 'Groq', baseUrl: 'http://localhost:9000/v1', requiresKey: true, local: false, models: ['llama-4', 'qwen3'] },
    ],
  },
  {
    name: 'keeps a full model entry',
    raw: {
      'quorum.models': [
        {
          provider: 'openai', id: 'gpt-x', displayName: 'GPT X', inputPerMTok: 1, outputPerMTok: 2, cachedInputPerMTok: 0.1,
          cacheWritePerMTok: 1.25, contextWindow: 100_000, maxOutputTokens: 8000, tier: 'budget',
          capabilities: { vision: true, tools: false, json: true, reasoning: false }, disabled: true,
        },
      ],
    },
    pick: (s) => s.models,
    expected: [
      {
        provider: 'openai', id: 'gpt-x', displayName: 'GPT X', inputPerMTok: 1, outputPerMTok: 2, cachedInputPerMTok: 0.1,
        cacheWritePerMTok: 1.25, contextWindow: 100_000, maxOutputTokens: 8000, tier: 'budget',
        capabilities: { vision: true, tools: false, json: true, reasoning: false }, disabled: true,
      },
    ],
  },
  {
    name: 'accepts a model of a configured endpoint, and free prices',
    raw: { 'quorum.providers.openaiCompatible': [OLLAMA], 'quorum.models': [{ provider: 'compat:ollama', id: 'qwen3', inputPerMTok: 0, outputPerMTok: 0 }] },
    pick: (s) => s.models,
    expected: [{ provider: 'compat:ollama', id: 'qwen3', inputPerMTok: 0, outputPerMTok: 0 }],
  },
  { name: 'accepts no retries', raw: { 'quorum.fallback.maxRetriesPerModel': 0 }, pick: (s) => s.fallback.maxRetriesPerModel, expected: 0 },
  { name: 'accepts the most retries', raw: { 'quorum.fallback.maxRetriesPerModel': 5 }, pick: (s) => s.fallback.maxRetriesPerModel, expected: 5 },
  { name: 'converts the shortest total deadline to ms', raw: { 'quorum.fallback.totalDeadlineSeconds': 5 }, pick: (s) => s.fallback.totalDeadlineMs, expected: 5000 },
  { name: 'converts the longest total deadline to ms', raw: { 'quorum.fallback.totalDeadlineSeconds': 1800 }, pick: (s) => s.fallback.totalDeadlineMs, expected: 1_800_000 },
  { name: 'opts into trying another model after a content filter', raw: { 'quorum.fallback.tryAnotherOnContentFilter': true }, pick: (s) => s.fallback.tryAnotherOnContentFilter, expected: true },
  {
    name: 'turns on active health checks every 15 s',
    raw: { 'quorum.health.activeChecks': true, 'quorum.health.intervalSeconds': 15 },
    pick: (s) => s.health,
    expected: { activeChecks: true, intervalMs: 15_000 },
  },
  { name: 'accepts the longest health interval', raw: { 'quorum.health.intervalSeconds': 3600 }, pick: (s) => s.health.intervalMs, expected: 3_600_000 },
  { name: 'accepts a zero context budget (attach nothing)', raw: { 'quorum.ask.contextTokenBudget': 0 }, pick: (s) => s.ask.contextTokenBudget, expected: 0 },
  { name: 'accepts the largest context budget', raw: { 'quorum.ask.contextTokenBudget': 200_000 }, pick: (s) => s.ask.contextTokenBudget, expected: 200_000 },
  { name: 'uses the model classifier when asked', raw: { 'quorum.routing.classifier': 'model' }, pick: (s) => s.routing.classifier, expected: 'model' },
];

const BAD: readonly IssueRow[] = [
  {
    name: 'an unknown feature in quorum.cache.exact is named, with the features there are, and the cache stays off',
    raw: { 'quorum.cache.exact': { ask: true, compare: true } },
    issues: ['error quorum.cache.exact'],
    says: /unknown feature "compare".*"ask", "codeAction", "chat"/,
    pick: (s) => s.cache.exact,
    expected: {},
  },
  {
    name: 'quorum.cache.exact as a list is refused with an example',
    raw: { 'quorum.cache.exact': ['ask'] },
    issues: ['error quorum.cache.exact'],
    says: /must be an object such as \{ "ask": true \}/,
    pick: (s) => s.cache.exact,
    expected: {},
  },
  {
    name: 'a non-boolean feature in quorum.cache.exact says so',
    raw: { 'quorum.cache.exact': { ask: 'yes' } },
    issues: ['error quorum.cache.exact'],
    says: /"ask" must be true or false/,
    pick: (s) => s.cache.exact,
    expected: {},
  },
  { name: 'ignores code-action tiers with an unknown tier', raw: { 'quorum.codeActions.tiers': { fix: 'gold' } }, issues: ['error quorum.codeActions.tiers'], pick: (s) => s.codeActionTiers, expected: {} },
  { name: 'ignores a negative budget cap', raw: { 'quorum.budget.dailyUsd': -5 }, issues: ['error quorum.budget.dailyUsd'], says: /0 \(no cap\) or more/, pick: (s) => s.budget.dailyUsd, expected: undefined },
  { name: 'ignores a budget cap given as text', raw: { 'quorum.budget.monthlyUsd': '$20' }, issues: ['error quorum.budget.monthlyUsd'], says: /amount in USD/, pick: (s) => s.budget.monthlyUsd, expected: undefined },
  { name: 'falls back to confirm for an unknown onExceed', raw: { 'quorum.budget.onExceed': 'ignore' }, issues: ['error quorum.budget.onExceed'], pick: (s) => s.budget.onExceed, expected: 'confirm' },
  { name: 'reads the eval settings and falls back to off for an unknown schedule', raw: { 'quorum.evals.resultsLocation': 'global', 'quorum.evals.schedule': 'hourly' }, issues: ['error quorum.evals.schedule'], pick: (s) => s.evals, expected: { batch: 'auto', resultsLocation: 'global', schedule: 'off' } },
  { name: 'falls back to today for an unknown meter scope', raw: { 'quorum.spend.statusBarScope': 'year' }, issues: ['error quorum.spend.statusBarScope'], pick: (s) => s.spendStatusBarScope, expected: 'today' },
  {
    name: 'falls back to the vendor URL for a non-http base URL',
    raw: { 'quorum.providers.openai.baseUrl': 'ftp://files.example.com' },
    issues: ['error quorum.providers.openai.baseUrl'],
    says: /http:\/\/ or https:\/\/ URL.*"ftp:\/\/files\.example\.com".*vendor's default/,
    pick: (s) => s.providers.openai,
    expected: {},
  },
  { name: 'falls back for a base URL that is not a URL', raw: { 'quorum.providers.anthropic.baseUrl': 'api.anthropic.com' }, issues: ['error quorum.providers.anthropic.baseUrl'], pick: (s) => s.providers.anthropic, expected: {} },
  { name: 'falls back for a base URL that is not text', raw: { 'quorum.providers.gemini.baseUrl': 42 }, issues: ['error quorum.providers.gemini.baseUrl'], pick: (s) => s.providers.gemini.baseUrl, expected: undefined },
  { name: 'falls back for an unknown Gemini API version', raw: { 'quorum.providers.gemini.apiVersion': 'v2' }, issues: ['error quorum.providers.gemini.apiVersion'], says: /'v1beta' or 'v1'.*"v2".*default, "v1beta"/, pick: (s) => s.providers.gemini.apiVersion, expected: 'v1beta' },
  { name: 'falls back for a zero first-token timeout', raw: { 'quorum.timeouts.firstTokenSeconds': 0 }, issues: ['error quorum.timeouts.firstTokenSeconds'], says: /at least 1 second.*got 0.*default, 60/, pick: (s) => s.timeouts.firstTokenMs, expected: 60_000 },
  { name: 'falls back for a too-long idle timeout', raw: { 'quorum.timeouts.idleSeconds': 601 }, issues: ['error quorum.timeouts.idleSeconds'], says: /at most 600 seconds/, pick: (s) => s.timeouts.idleMs, expected: 30_000 },
  { name: 'falls back for a timeout given as text', raw: { 'quorum.timeouts.idleSeconds': '30' }, issues: ['error quorum.timeouts.idleSeconds'], says: /number of seconds/, pick: (s) => s.timeouts.idleMs, expected: 30_000 },
  { name: 'falls back for a null timeout', raw: { 'quorum.providers.checkTimeoutSeconds': null }, issues: ['error quorum.providers.checkTimeoutSeconds'], pick: (s) => s.providerCheckTimeoutMs, expected: 10_000 },
  { name: 'falls back for a check timeout over 120 s', raw: { 'quorum.providers.checkTimeoutSeconds': 121 }, issues: ['error quorum.providers.checkTimeoutSeconds'], pick: (s) => s.providerCheckTimeoutMs, expected: 10_000 },
  { name: 'uses no endpoints when the setting is not a list', raw: { 'quorum.providers.openaiCompatible': { id: 'x' } }, issues: ['error quorum.providers.openaiCompatible'], says: /must be a list/, pick: (s) => s.providers.openaiCompatible, expected: [] },
  {
    name: 'skips a second endpoint with the same id',
    raw: { 'quorum.providers.openaiCompatible': [OLLAMA, { id: 'ollama', baseUrl: 'http://other:11434/v1' }] },
    issues: ['error quorum.providers.openaiCompatible[1].id'],
    says: /already used by quorum\.providers\.openaiCompatible\[0\].*unique/,
    pick: (s) => s.providers.openaiCompatible.map((e) => e.baseUrl),
    expected: ['http://localhost:11434/v1'],
  },
  {
    name: 'skips an endpoint without a base URL and keeps the next one',
    raw: { 'quorum.providers.openaiCompatible': [{ id: 'lmstudio' }, OLLAMA] },
    issues: ['error quorum.providers.openaiCompatible[0].baseUrl'],
    says: /baseUrl is required\. This endpoint is skipped\./,
    pick: (s) => s.providers.openaiCompatible.map((e) => e.id),
    expected: ['ollama'],
  },
  {
    name: 'skips an endpoint with an empty base URL',
    raw: { 'quorum.providers.openaiCompatible': [{ id: 'x', baseUrl: '' }] },
    issues: ['error quorum.providers.openaiCompatible[0].baseUrl'],
    pick: (s) => s.providers.openaiCompatible,
    expected: [],
  },
  {
    name: 'reports every problem of a skipped endpoint',
    raw: { 'quorum.providers.openaiCompatible': [{ id: 'My Endpoint', baseUrl: 'localhost:8080', requiresKey: 'yes' }] },
    issues: [
      'error quorum.providers.openaiCompatible[0].id',
      'error quorum.providers.openaiCompatible[0].baseUrl',
      'error quorum.providers.openaiCompatible[0].requiresKey',
    ],
    says: /lower-case letters, digits or dashes/,
    pick: (s) => s.providers.openaiCompatible,
    expected: [],
  },
  { name: 'skips an endpoint that is not an object', raw: { 'quorum.providers.openaiCompatible': ['http://localhost:11434/v1'] }, issues: ['error quorum.providers.openaiCompatible[0]'], pick: (s) => s.providers.openaiCompatible, expected: [] },
  {
    name: 'ignores an unknown endpoint property with a warning',
    raw: { 'quorum.providers.openaiCompatible': [{ ...OLLAMA, apiKey: 'sk-…' }] },
    issues: ['warning quorum.providers.openaiCompatible[0].apiKey'],
    says: /"apiKey" is not a property of an endpoint.*ignored/,
    pick: (s) => s.providers.openaiCompatible.map((e) => e.id),
    expected: ['ollama'],
  },
  {
    name: 'drops only the bad ids of an endpoint model list',
    raw: { 'quorum.providers.openaiCompatible': [{ ...OLLAMA, models: ['qwen3', 7, ''] }] },
    issues: ['error quorum.providers.openaiCompatible[0].models[1]', 'error quorum.providers.openaiCompatible[0].models[2]'],
    pick: (s) => s.providers.openaiCompatible[0]?.models,
    expected: ['qwen3'],
  },
  {
    name: 'discovers models when the model list is not a list',
    raw: { 'quorum.providers.openaiCompatible': [{ ...OLLAMA, models: 'qwen3' }] },
    issues: ['error quorum.providers.openaiCompatible[0].models'],
    says: /discovered/,
    pick: (s) => s.providers.openaiCompatible[0]?.models,
    expected: [],
  },
  {
    name: 'skips a model entry with a negative price and keeps the others',
    raw: { 'quorum.models': [{ provider: 'openai', id: 'a' }, { provider: 'gemini', id: 'b' }, { provider: 'anthropic', id: 'c', inputPerMTok: -3 }, { provider: 'openai', id: 'd' }] },
    issues: ['error quorum.models[2].inputPerMTok'],
    says: /inputPerMTok must not be negative \(US dollars per million tokens\); got -3\. This model entry is skipped\./,
    pick: (s) => s.models.map((m) => m.id),
    expected: ['a', 'b', 'd'],
  },
  { name: 'skips a model of an unknown provider', raw: { 'quorum.models': [{ provider: 'mistral', id: 'm' }] }, issues: ['error quorum.models[0].provider'], says: /'openai', 'anthropic', 'gemini' or 'compat:<endpoint id>'/, pick: (s) => s.models, expected: [] },
  { name: 'skips a model with an invalid compat id', raw: { 'quorum.models': [{ provider: 'compat:Ollama', id: 'm' }] }, issues: ['error quorum.models[0].provider'], pick: (s) => s.models, expected: [] },
  { name: 'skips a model without an id', raw: { 'quorum.models': [{ provider: 'openai' }] }, issues: ['error quorum.models[0].id'], says: /id is required/, pick: (s) => s.models, expected: [] },
  { name: 'skips a model with a blank id', raw: { 'quorum.models': [{ provider: 'openai', id: '  ' }] }, issues: ['error quorum.models[0].id'], pick: (s) => s.models, expected: [] },
  { name: 'skips a model with a fractional context window', raw: { 'quorum.models': [{ provider: 'openai', id: 'm', contextWindow: 0.5 }] }, issues: ['error quorum.models[0].contextWindow'], says: /whole number of tokens/, pick: (s) => s.models, expected: [] },
  { name: 'skips a model with a zero max output', raw: { 'quorum.models': [{ provider: 'openai', id: 'm', maxOutputTokens: 0 }] }, issues: ['error quorum.models[0].maxOutputTokens'], pick: (s) => s.models, expected: [] },
  { name: 'skips a model with an unknown tier', raw: { 'quorum.models': [{ provider: 'openai', id: 'm', tier: 'cheap' }] }, issues: ['error quorum.models[0].tier'], says: /'budget', 'standard', 'premium'/, pick: (s) => s.models, expected: [] },
  { name: 'skips a model with a price given as text', raw: { 'quorum.models': [{ provider: 'openai', id: 'm', outputPerMTok: '$10' }] }, issues: ['error quorum.models[0].outputPerMTok'], pick: (s) => s.models, expected: [] },
  {
    name: 'skips a model whose capability is not true or false',
    raw: { 'quorum.models': [{ provider: 'openai', id: 'm', capabilities: { vision: 'yes' } }] },
    issues: ['error quorum.models[0].capabilities.vision'],
    pick: (s) => s.models,
    expected: [],
  },
  { name: 'skips a model entry that is not an object', raw: { 'quorum.models': ['openai/gpt-x'] }, issues: ['error quorum.models[0]'], pick: (s) => s.models, expected: [] },
  { name: 'uses no models when the setting is not a list', raw: { 'quorum.models': 'gpt-x' }, issues: ['error quorum.models'], pick: (s) => s.models, expected: [] },
  {
    name: 'keeps, with a warning, a model of an endpoint that is not configured',
    raw: { 'quorum.models': [{ provider: 'compat:lmstudio', id: 'qwen3' }] },
    issues: ['warning quorum.models[0].provider'],
    says: /"compat:lmstudio".*no valid entry with id "lmstudio".*kept/,
    pick: (s) => s.models,
    expected: [{ provider: 'compat:lmstudio', id: 'qwen3' }],
  },
  {
    name: 'warns about a model of an endpoint that was skipped as invalid',
    raw: { 'quorum.providers.openaiCompatible': [{ id: 'lmstudio', baseUrl: 'nope' }], 'quorum.models': [{ provider: 'compat:lmstudio', id: 'qwen3' }] },
    issues: ['error quorum.providers.openaiCompatible[0].baseUrl', 'warning quorum.models[0].provider'],
    pick: (s) => s.models.length,
    expected: 1,
  },
  {
    name: 'ignores unknown model and capability properties with warnings',
    raw: { 'quorum.models': [{ provider: 'openai', id: 'm', inputPerMtok: 1, capabilities: { streaming: true, tools: true } }] },
    issues: ['warning quorum.models[0].inputPerMtok', 'warning quorum.models[0].capabilities.streaming'],
    says: /"inputPerMtok" is not a property of a model entry \(expected provider, id, displayName, inputPerMTok/,
    pick: (s) => s.models,
    expected: [{ provider: 'openai', id: 'm', capabilities: { tools: true } }],
  },
  {
    name: 'keeps both entries for the same model, warning about the later one',
    raw: { 'quorum.models': [{ provider: 'openai', id: 'm', inputPerMTok: 1 }, { provider: 'openai', id: 'm', inputPerMTok: 2 }] },
    issues: ['warning quorum.models[1]'],
    says: /repeats the model "openai\/m" of quorum\.models\[0\]/,
    pick: (s) => s.models.map((m) => m.inputPerMTok),
    expected: [1, 2],
  },
  { name: 'falls back for too many retries', raw: { 'quorum.fallback.maxRetriesPerModel': 6 }, issues: ['error quorum.fallback.maxRetriesPerModel'], says: /at most 5 retries.*got 6.*default, 2\./, pick: (s) => s.fallback.maxRetriesPerModel, expected: 2 },
  { name: 'falls back for a fractional retry count', raw: { 'quorum.fallback.maxRetriesPerModel': 1.5 }, issues: ['error quorum.fallback.maxRetriesPerModel'], says: /whole number of retries/, pick: (s) => s.fallback.maxRetriesPerModel, expected: 2 },
  { name: 'falls back for a negative retry count', raw: { 'quorum.fallback.maxRetriesPerModel': -1 }, issues: ['error quorum.fallback.maxRetriesPerModel'], pick: (s) => s.fallback.maxRetriesPerModel, expected: 2 },
  { name: 'falls back for a deadline under 5 s', raw: { 'quorum.fallback.totalDeadlineSeconds': 4 }, issues: ['error quorum.fallback.totalDeadlineSeconds'], says: /at least 5 seconds/, pick: (s) => s.fallback.totalDeadlineMs, expected: 120_000 },
  { name: 'falls back for a deadline over 30 min', raw: { 'quorum.fallback.totalDeadlineSeconds': 1801 }, issues: ['error quorum.fallback.totalDeadlineSeconds'], pick: (s) => s.fallback.totalDeadlineMs, expected: 120_000 },
  { name: 'falls back for a content-filter flag given as text', raw: { 'quorum.fallback.tryAnotherOnContentFilter': 'yes' }, issues: ['error quorum.fallback.tryAnotherOnContentFilter'], says: /true or false.*default, false/, pick: (s) => s.fallback.tryAnotherOnContentFilter, expected: false },
  { name: 'falls back for an active-checks flag given as a number', raw: { 'quorum.health.activeChecks': 1 }, issues: ['error quorum.health.activeChecks'], pick: (s) => s.health.activeChecks, expected: false },
  { name: 'falls back for a health interval under 15 s', raw: { 'quorum.health.intervalSeconds': 10 }, issues: ['error quorum.health.intervalSeconds'], says: /at least 15 seconds/, pick: (s) => s.health.intervalMs, expected: 60_000 },
  { name: 'falls back for a health interval over an hour', raw: { 'quorum.health.intervalSeconds': 3601 }, issues: ['error quorum.health.intervalSeconds'], pick: (s) => s.health.intervalMs, expected: 60_000 },
  { name: 'falls back for a negative context budget', raw: { 'quorum.ask.contextTokenBudget': -1 }, issues: ['error quorum.ask.contextTokenBudget'], says: /at least 0 tokens.*default, 8000/, pick: (s) => s.ask.contextTokenBudget, expected: 8000 },
  { name: 'falls back for a context budget over 200,000', raw: { 'quorum.ask.contextTokenBudget': 200_001 }, issues: ['error quorum.ask.contextTokenBudget'], pick: (s) => s.ask.contextTokenBudget, expected: 8000 },
  { name: 'falls back for a fractional context budget', raw: { 'quorum.ask.contextTokenBudget': 100.5 }, issues: ['error quorum.ask.contextTokenBudget'], says: /whole number of tokens/, pick: (s) => s.ask.contextTokenBudget, expected: 8000 },
  { name: 'falls back for an unknown classifier', raw: { 'quorum.routing.classifier': 'llm' }, issues: ['error quorum.routing.classifier'], says: /'heuristic' or 'model'.*"llm".*default, "heuristic"/, pick: (s) => s.routing.classifier, expected: 'heuristic' },
];


describe('validateSettings', () => {
  it('returns the manifest defaults and no issue when nothing is set', () => {
    assert.deepEqual(run({}), { value: DEFAULTS, issues: [] });
  });

  describe('accepts', () => {
    for (const row of GOOD) {
      it(row.name, () => {
        const { value, issues } = run(row.raw);
        assert.deepEqual(issues, []);
        assert.deepEqual(row.pick(value), row.expected);
      });
    }
  });

  describe('reports and recovers from', () => {
    itValidates(BAD);
  });

  it('uses the defaults for a setting whose reader throws, and says so', () => {
    const { value, issues } = validateSettings((key) => {
      if (key === 'quorum.timeouts.idleSeconds') throw new Error('configuration unavailable');
      return undefined;
    });
    assert.equal(value.timeouts.idleMs, 30_000);
    assert.deepEqual(summary(issues), ['error quorum.timeouts.idleSeconds']);
    assert.match(issues[0]?.message ?? '', /configuration unavailable/);
  });

  it('reports every broken setting at once and keeps the good ones', () => {
    const { value, issues } = run({
      'quorum.providers.openai.baseUrl': 'nope',
      'quorum.providers.anthropic.baseUrl': 'https://proxy.example.com',
      'quorum.timeouts.firstTokenSeconds': -1,
      'quorum.timeouts.idleSeconds': 45,
    });
    assert.deepEqual(summary(issues), ['error quorum.providers.openai.baseUrl', 'error quorum.timeouts.firstTokenSeconds']);
    assert.deepEqual(value.providers.anthropic, { baseUrl: 'https://proxy.example.com' });
    assert.deepEqual(value.timeouts, { firstTokenMs: 60_000, idleMs: 45_000 });
  });

  it('never throws, whatever the reader returns', () => {
    const junk: readonly unknown[] = [null, 0, NaN, Infinity, '', 'x', true, [], {}, [[]], [null], [{}], Symbol('s'), () => 1, new Date(0)];
    for (const value of junk) {
      assert.doesNotThrow(() => validateSettings(() => value), String(value));
    }
  });
});
