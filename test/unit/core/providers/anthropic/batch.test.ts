import assert from 'node:assert/strict';
import { anthropicFake } from '../../../../fakes/anthropicFake';
import { useFakeServer } from '../../../../fakes/useFakeServer';
import { createAnthropicBatchClient } from '../../../../../src/core/providers/anthropic/batch';
import { batchContract, items } from '../batchContract';

describe('Anthropic batch client (Message Batches over @anthropic-ai/sdk, against the fake)', () => {
  const fake = useFakeServer(() => [anthropicFake()]);
  const client = (key = 'sk-ant-test') => createAnthropicBatchClient({ id: 'anthropic', displayName: 'Anthropic', apiKey: key, baseUrl: fake.baseUrls.anthropic });
  batchContract(fake, { vendor: 'anthropic', model: 'claude-haiku-5-5', client: (_f, key) => client(key) });

  it('sends {custom_id, params} with non-streaming Messages params, the system prompt at the top level', async () => {
    await client().submit(items('claude-haiku-5-5', 2));
    const body = fake.requests[0]?.body as { requests: { custom_id: string; params: Record<string, unknown> }[] };
    assert.equal(fake.requests[0]?.path, '/v1/messages/batches');
    assert.deepEqual(body.requests.map((r) => r.custom_id), ['case-0', 'case-1']);
    assert.equal(body.requests[0]?.params.system, 'Be brief.');
    assert.equal(body.requests[0]?.params.stream, undefined);
    assert.equal(body.requests[0]?.params.max_tokens, 64);
  });
});
