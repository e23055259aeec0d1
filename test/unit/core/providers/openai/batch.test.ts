import assert from 'node:assert/strict';
import { openaiFake } from '../../../../fakes/openaiFake';
import { useFakeServer } from '../../../../fakes/useFakeServer';
import { createOpenAIBatchClient } from '../../../../../src/core/providers/openai/batch';
import { batchContract, items } from '../batchContract';

describe('OpenAI batch client (files + batches over the openai SDK, against the fake)', () => {
  const fake = useFakeServer(() => [openaiFake('openai')]);
  const client = (key = 'sk-test') => createOpenAIBatchClient({ id: 'openai', displayName: 'OpenAI', apiKey: key, baseUrl: fake.baseUrls.openai });
  batchContract(fake, { vendor: 'openai', model: 'gpt-6-luna', client: (_f, key) => client(key) });

  it('uploads one JSONL line per request (purpose batch, non-streaming bodies), then creates the batch on /v1/chat/completions', async () => {
    await client().submit(items('gpt-6-luna', 2));
    const [upload, create] = fake.requests;
    assert.equal(upload?.path, '/v1/files');
    const raw = String(upload?.body);
    assert.match(raw, /name="purpose"\r\n\r\nbatch/);
    const lines = raw.split('\n').filter((l) => l.startsWith('{"custom_id"'));
    assert.equal(lines.length, 2);
    const line = JSON.parse(lines[0] ?? '{}') as { custom_id: string; url: string; body: Record<string, unknown> };
    assert.equal(line.custom_id, 'case-0');
    assert.equal(line.url, '/v1/chat/completions');
    assert.equal(line.body.stream, undefined);
    assert.equal(line.body.max_completion_tokens, 64);
    const { input_file_id: fileId, ...rest } = create?.body as { input_file_id: string };
    assert.match(fileId, /^file-\d+$/);
    assert.deepEqual(rest, { endpoint: '/v1/chat/completions', completion_window: '24h' });
  });
});
