import assert from 'node:assert/strict';
import { parsePanelHostMessage, parsePanelSnapshot, parsePanelViewMessage, type PanelSnapshot } from '../../../src/shared/panelProtocol';
import { VOTE_STRATEGIES, type VoteState } from '../../../src/shared/voteProtocol';

/** Every field present, optional ones included, so a field the schema forgot would be stripped and fail the round trip. */
const full: PanelSnapshot = {
  view: 'vote',
  models: [{ ref: 'openai/gpt-x', label: 'GPT X', provider: 'OpenAI', priced: true }, { ref: 'compat:ollama/llama3.2:latest', label: 'llama', provider: 'Ollama', priced: false }],
  compare: {
    selected: ['openai/gpt-x', 'compat:ollama/llama3.2:latest'],
    prompt: 'Explain',
    attachFile: true,
    activeFile: 'src/a.ts',
    running: false,
    columns: [
      { id: 'c0', ref: 'openai/gpt-x', label: 'GPT X', provider: 'OpenAI', status: 'done', text: '# Hi', ttftMs: 200, totalMs: 900, inputTokens: 10, outputTokens: 20, costUsd: 0.001, finishReason: 'stop' },
      { id: 'c1', ref: 'compat:ollama/llama3.2:latest', label: 'llama', provider: 'Ollama', status: 'failed', text: '', error: 'HTTP 500' },
    ],
    winner: 'c0',
  },
  vote: {
    strategy: 'judge',
    selected: ['openai/gpt-x', 'compat:ollama/llama3.2:latest'],
    earlyExitK: 2,
    cascadeThreshold: 0.75,
    judgePanel: true,
    ladder: [{ ref: 'openai/gpt-x', label: 'GPT X', tier: 'budget' }, { ref: 'compat:ollama/llama3.2:latest', label: 'llama' }],
    runStrategy: 'judge',
    prompt: 'Yes or no?',
    running: false,
    estimateUsd: 0.002,
    estimateUnpricedModels: 1,
    members: [
      { ref: 'openai/gpt-x', label: 'GPT X', status: 'done', answer: 'Yes', normalised: 'yes', cluster: 0, confidence: 0.9, costUsd: 0.001, totalMs: 500 },
      { ref: 'compat:ollama/llama3.2:latest', label: 'llama', status: 'invalid', error: 'not JSON' },
    ],
    result: {
      winner: 'Yes', winnerCluster: 0, agreement: 1, why: 'Only valid answer', totalCostUsd: 0.002, unpricedCalls: 1, totalMs: 800,
      judge: { ref: 'openai/gpt-x', rationale: 'Clear.' },
    },
  },
  spend: {
    workspace: 'w', generatedAt: 1, today: { costUsd: 0, calls: 0, unpricedCalls: 0 }, month: { costUsd: 0, calls: 0, unpricedCalls: 0 },
    all: { costUsd: 0, calls: 0, unpricedCalls: 0 }, budget: {}, byModel: [], byProvider: [], byFeature: [], recentFailovers: [], daily: [], invalidLines: 0,
  },
};

/** A finished cascade: the members are the ladder steps asked, the result says where it stopped. */
const cascadeVote: VoteState = {
  strategy: 'cascade',
  selected: [],
  cascadeThreshold: 0.7,
  ladder: [{ ref: 'gemini/lite', label: 'Lite', tier: 'budget' }, { ref: 'openai/sol', label: 'Sol', tier: 'premium' }],
  runStrategy: 'cascade',
  prompt: 'Is 7 prime?',
  running: false,
  estimateUsd: 0.01,
  members: [
    { ref: 'gemini/lite', label: 'Lite', tier: 'budget', status: 'invalid', error: 'no valid {answer, confidence}', costUsd: 0.0001, totalMs: 300 },
    { ref: 'openai/sol', label: 'Sol', tier: 'premium', status: 'done', answer: 'Yes', confidence: 0.91, costUsd: 0.004, totalMs: 900 },
  ],
  result: {
    winner: 'Yes', winnerCluster: 0, agreement: 1, why: 'Escalated once: Lite gave no valid answer. Premium model Sol answered with confidence 0.91 ≥ 0.70.',
    totalCostUsd: 0.0041, unpricedCalls: 0, totalMs: 1200, cascade: { threshold: 0.7, accepted: true, stopped: false, step: 1, confidence: 0.91 },
  },
};

const minimal: PanelSnapshot = {
  view: 'compare',
  models: [],
  compare: { selected: [], prompt: '', attachFile: false, running: false, columns: [] },
  vote: { strategy: 'majority', selected: [], prompt: '', running: false, members: [] },
};

const column = full.compare.columns[0]!;
const { text: _text, ...columnInfo } = column;

describe('panel protocol', () => {
  describe('host → webview', () => {
    const valid: unknown[] = [
      { type: 'panel/snapshot', snapshot: full },
      { type: 'panel/snapshot', snapshot: minimal },
      { type: 'compare/state', compare: full.compare },
      { type: 'compare/delta', columnId: 'c0', text: 'more ' },
      { type: 'compare/delta', columnId: 'c0', text: '' },
      { type: 'compare/column', column: columnInfo },
      { type: 'vote/state', vote: full.vote },
      { type: 'vote/state', vote: cascadeVote },
      { type: 'vote/state', vote: { ...cascadeVote, running: true, members: [{ ref: 'gemini/lite', label: 'Lite', tier: 'budget', status: 'waiting' }], result: undefined } },
      { type: 'vote/state', vote: { ...cascadeVote, result: { ...cascadeVote.result!, winner: '', agreement: 0, cascade: { threshold: 0.7, accepted: false, stopped: false } } } },
      { type: 'vote/estimate', unpricedModels: 2 },
      { type: 'vote/estimate', estimateUsd: 0.01, unpricedModels: 0, ladder: cascadeVote.ladder },
      { type: 'vote/estimate', unpricedModels: 0, ladder: [] },
      { type: 'vote/estimate', estimateUsd: 0.01, unpricedModels: 0 },
      { type: 'spend/snapshot', snapshot: full.spend },
    ];
    for (const message of valid) {
      it(`round-trips ${(message as { type: string }).type}`, () => assert.deepEqual(parsePanelHostMessage(message), message));
    }

    const sevenColumns = Array.from({ length: 7 }, (_, i) => ({ ...column, id: `c${i}` }));
    const invalid: [string, unknown][] = [
      ['nothing', undefined],
      ['a string', 'compare/delta'],
      ['an unknown type', { type: 'compare/explode' }],
      ['a delta without text', { type: 'compare/delta', columnId: 'c0' }],
      ['a delta without a column', { type: 'compare/delta', text: 'x' }],
      ['a delta over the text limit', { type: 'compare/delta', columnId: 'c0', text: 'x'.repeat(2_000_001) }],
      ['an empty column id', { type: 'compare/delta', columnId: '', text: 'x' }],
      ['a column with an unknown status', { type: 'compare/column', column: { ...columnInfo, status: 'great' } }],
      ['a negative cost', { type: 'compare/column', column: { ...columnInfo, costUsd: -1 } }],
      ['fractional tokens', { type: 'compare/column', column: { ...columnInfo, outputTokens: 1.5 } }],
      ['seven columns', { type: 'compare/state', compare: { ...full.compare, columns: sevenColumns } }],
      ['an unknown view', { type: 'panel/snapshot', snapshot: { ...full, view: 'settings' } }],
      ['an unknown strategy', { type: 'vote/state', vote: { ...full.vote, strategy: 'dice' } }],
      ['agreement above 1', { type: 'vote/state', vote: { ...full.vote, result: { ...full.vote.result!, agreement: 1.2 } } }],
      ['early exit of 1', { type: 'vote/state', vote: { ...full.vote, earlyExitK: 1 } }],
      ['a threshold above 1', { type: 'vote/state', vote: { ...cascadeVote, cascadeThreshold: 1.2 } }],
      ['a negative threshold', { type: 'vote/state', vote: { ...cascadeVote, cascadeThreshold: -0.1 } }],
      ['an unknown tier', { type: 'vote/state', vote: { ...cascadeVote, ladder: [{ ref: 'gemini/lite', label: 'Lite', tier: 'luxury' }] } }],
      ['a member with an unknown tier', { type: 'vote/state', vote: { ...cascadeVote, members: [{ ...cascadeVote.members[0]!, tier: 'free' }] } }],
      ['a ladder of seven', { type: 'vote/estimate', unpricedModels: 0, ladder: Array.from({ length: 7 }, (_, i) => ({ ref: `p/m${i}`, label: 'm' })) }],
      ['a cascade confidence above 1', { type: 'vote/state', vote: { ...cascadeVote, result: { ...cascadeVote.result!, cascade: { threshold: 0.7, accepted: true, stopped: false, step: 1, confidence: 1.5 } } } }],
      ['a cascade outcome without accepted', { type: 'vote/state', vote: { ...cascadeVote, result: { ...cascadeVote.result!, cascade: { threshold: 0.7, stopped: false } } } }],
      ['an unknown run strategy', { type: 'vote/state', vote: { ...cascadeVote, runStrategy: 'dice' } }],
      ['an over-long label', { type: 'compare/column', column: { ...columnInfo, label: 'x'.repeat(4_001) } }],
    ];
    for (const [name, message] of invalid) {
      it(`rejects ${name}`, () => assert.equal(parsePanelHostMessage(message), undefined));
    }
  });

  describe('webview → host', () => {
    const two = ['openai/gpt-x', 'anthropic/claude'];
    const valid: unknown[] = [
      { type: 'webview/ready' },
      { type: 'panel/view', view: 'spend' },
      { type: 'compare/run', prompt: 'p', models: two, attachFile: false },
      { type: 'compare/stop' },
      { type: 'compare/stop', columnId: 'c1' },
      { type: 'compare/retry', columnId: 'c1' },
      { type: 'compare/copy', columnId: 'c1' },
      { type: 'compare/insert', columnId: 'c1' },
      { type: 'compare/apply', columnId: 'c1' },
      { type: 'compare/pickWinner', columnId: 'c1' },
      { type: 'compare/diff', left: 'c0', right: 'c1' },
      { type: 'vote/draft', prompt: '', models: [], strategy: 'majority' },
      { type: 'vote/run', prompt: 'p', models: two, strategy: 'confidence', earlyExitK: 2 },
      { type: 'vote/draft', prompt: 'p', models: [], strategy: 'cascade', cascadeThreshold: 0.7 },
      { type: 'vote/draft', prompt: 'p', models: two, strategy: 'judge', judgePanel: true },
      { type: 'vote/run', prompt: 'p', models: [], strategy: 'cascade', cascadeThreshold: 0 },
      { type: 'vote/run', prompt: 'p', models: ['openai/gpt-x'], strategy: 'cascade', cascadeThreshold: 1 },
      { type: 'vote/run', prompt: 'p', models: two, strategy: 'judge', judgePanel: false },
      { type: 'vote/stop' },
      { type: 'spend/refresh' },
      { type: 'spend/export' },
      { type: 'spend/reset' },
      { type: 'spend/openSettings' },
    ];
    for (const message of valid) {
      it(`accepts ${JSON.stringify(message)}`, () => assert.deepEqual(parsePanelViewMessage(message), message));
    }

    const invalid: unknown[] = [
      null, {}, { type: 'panel/snapshot' }, { type: 'panel/view', view: 'settings' },
      { type: 'compare/run', prompt: 'p', models: ['openai/gpt-x'], attachFile: false },
      { type: 'compare/run', prompt: 'p', models: Array.from({ length: 7 }, (_, i) => `p/m${i}`), attachFile: false },
      { type: 'compare/run', prompt: 'p', models: two },
      { type: 'compare/copy' }, { type: 'compare/diff', left: 'c0' },
      { type: 'vote/run', prompt: 'p', models: two, strategy: 'dice' },
      { type: 'vote/run', prompt: 'p', models: two, strategy: 'majority', earlyExitK: 7 },
      { type: 'vote/run', prompt: 'p', models: [''], strategy: 'majority' },
      // Only a cascade runs without voters (its ladder is the host's).
      { type: 'vote/run', prompt: 'p', models: ['openai/gpt-x'], strategy: 'majority' },
      { type: 'vote/run', prompt: 'p', models: [], strategy: 'judge', judgePanel: true },
      { type: 'vote/run', prompt: 'p', models: [], strategy: 'cascade', cascadeThreshold: 1.05 },
      { type: 'vote/draft', prompt: 'p', models: [], strategy: 'cascade', cascadeThreshold: -0.05 },
      { type: 'vote/draft', prompt: 'p', models: [], strategy: 'cascade', cascadeThreshold: '0.7' },
      { type: 'vote/run', prompt: 'p', models: two, strategy: 'judge', judgePanel: 'yes' },
    ];
    for (const message of invalid) {
      it(`rejects ${JSON.stringify(message)}`, () => assert.equal(parsePanelViewMessage(message), undefined));
    }
  });

  it('offers the cascade among the strategies', () => {
    assert.deepEqual([...VOTE_STRATEGIES], ['majority', 'confidence', 'judge', 'cascade']);
  });

  it('parses a saved snapshot, and refuses a corrupt one', () => {
    assert.deepEqual(parsePanelSnapshot(full), full);
    assert.equal(parsePanelSnapshot({ ...full, compare: { ...full.compare, columns: 'many' } }), undefined);
  });
});
