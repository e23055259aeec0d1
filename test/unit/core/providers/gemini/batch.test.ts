import assert from 'node:assert/strict';
import { geminiFake } from '../../../../fakes/geminiFake';
import { useFakeServer } from '../../../../fakes/useFakeServer';
import { createGeminiBatchClient } from '../../../../../src/core/providers/gemini/batch';
import { batchContract, items } from '../batchContract';

describe('Gemini batch client (batch mode over @google/genai, inlined requests, against the fake)', () => {
  const fake = useFakeServer(() => [geminiFake()]);
  const client = (key = 'AIza-test') => createGeminiBatchClient({ id: 'gemini', displayName: 'Google Gemini', apiKey: key, baseUrl: fake.baseUrls.gemini });
  batchContract(fake, { vendor: 'gemini', model: 'gemini-3.5-flash-lite', client: (_f, key) => client(key) });

  it('creates the job on models/{model}:batchGenerateContent with inlined requests keyed by our ids', async () => {
    await client().submit(items('gemini-3.5-flash-lite', 2));
    assert.equal(fake.requests[0]?.path, '/v1beta/models/gemini-3.5-flash-lite:batchGenerateContent');
    const body = fake.requests[0]?.body as { batch: { inputConfig: { requests: { requests: { request: Record<string, unknown>; metadata: { key: string } }[] } } } };
    const sent = body.batch.inputConfig.requests.requests;
    assert.deepEqual(sent.map((r) => r.metadata.key), ['case-0', 'case-1']);
    assert.deepEqual(sent[0]?.request.systemInstruction, { parts: [{ text: 'Be brief.' }] });
    assert.deepEqual(sent[0]?.request.generationConfig, { maxOutputTokens: 64 });
  });
});
