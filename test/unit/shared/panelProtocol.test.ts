import assert from 'node:assert/strict';
import {
  parsePanelHostMessage, parsePanelSnapshot, parsePanelViewMessage, type PanelSnapshot,
} from '../../../src/shared/panelProtocol';

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
    all: { costUsd: 0, calls: 0, unpricedCalls: 0 }, budget: {}, byModel: [], byProvider: [], byFeature: [], recentFailovers: [], invalidLines: 0,
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
      { type: 'vote/estimate', unpricedModels: 2 },
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
    ];
    for (const message of invalid) {
      it(`rejects ${JSON.stringify(message)}`, () => assert.equal(parsePanelViewMessage(message), undefined));
    }
  });

  it('parses a saved snapshot, and refuses a corrupt one', () => {
    assert.deepEqual(parsePanelSnapshot(full), full);
    assert.equal(parsePanelSnapshot({ ...full, compare: { ...full.compare, columns: 'many' } }), undefined);
  });
});
