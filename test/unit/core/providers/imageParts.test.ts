// Image parts end to end through each vendor's official SDK: our ImagePart, the adapter's wire shape, and the
// fake checking it as the real API does (a malformed image is a 400, which the adapter reports as invalidRequest).
import assert from 'node:assert/strict';
import { isProviderError, type ProviderError } from '../../../../src/core/errors';
import type { Provider } from '../../../../src/core/providers/provider';
import type { ImagePart } from '../../../../src/core/types';
import { anthropicFake } from '../../../fakes/anthropicFake';
import type { FakeServer } from '../../../fakes/fakeServer';
import { geminiFake } from '../../../fakes/geminiFake';
import { openaiFake } from '../../../fakes/openaiFake';
import { useFakeServer } from '../../../fakes/useFakeServer';
import { providerOn } from './anthropic/harness';
import { geminiProvider } from './gemini/harness';
import { providerFor } from './openai/harness';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

interface VendorRow {
  readonly vendor: string;
  readonly model: string;
  readonly provider: (fake: FakeServer) => Provider;
  /** The image as this vendor's wire format carries it, found in the recorded body. */
  readonly wirePart: (body: unknown) => unknown;
}

const lastUserParts = (messages: unknown, key: string): unknown[] => {
  const list = Array.isArray(messages) ? messages as Record<string, unknown>[] : [];
  const last = list.at(-1)?.[key];
  return Array.isArray(last) ? last : [];
};
const field = (body: unknown, name: string): unknown => (body as Record<string, unknown>)[name];

const VENDORS: readonly VendorRow[] = [
  { vendor: 'openai', model: 'gpt-5.4', provider: (fake) => providerFor(fake, 'openai'), wirePart: (body) => lastUserParts(field(body, 'messages'), 'content')[1] },
  { vendor: 'openaiCompatible', model: 'llama3.2:latest', provider: (fake) => providerFor(fake, 'openaiCompatible'), wirePart: (body) => lastUserParts(field(body, 'messages'), 'content')[1] },
  { vendor: 'anthropic', model: 'claude-haiku-4-5', provider: (fake) => providerOn(fake), wirePart: (body) => lastUserParts(field(body, 'messages'), 'content')[1] },
  { vendor: 'gemini', model: 'gemini-test', provider: (fake) => geminiProvider(fake), wirePart: (body) => lastUserParts(field(body, 'contents'), 'parts')[1] },
];

const EXPECTED_WIRE: Readonly<Record<string, unknown>> = {
  openai: { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
  openaiCompatible: { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
  anthropic: { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
  gemini: { inlineData: { mimeType: 'image/png', data: PNG } },
};

const MALFORMED: readonly { name: string; image: ImagePart }[] = [
  { name: 'data that is not base64', image: { type: 'image', mediaType: 'image/png', data: 'not base64!' } },
  { name: 'an unsupported image type', image: { type: 'image', mediaType: 'image/tiff' as ImagePart['mediaType'], data: PNG } },
];

async function send(provider: Provider, model: string, image: ImagePart): Promise<ProviderError | undefined> {
  try {
    const request = { model, maxOutputTokens: 50, messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'What is in this picture?' }, image] }] };
    for await (const event of provider.stream(request, { signal: new AbortController().signal })) void event;
    return undefined;
  } catch (error) {
    if (isProviderError(error)) return error;
    throw error;
  }
}

describe('image parts through every vendor SDK', () => {
  const fake = useFakeServer(() => [openaiFake('openai'), openaiFake('openaiCompatible'), anthropicFake(), geminiFake()]);

  for (const row of VENDORS) {
    it(`${row.vendor}: sends an image part the fake accepts, in the vendor's shape`, async () => {
      const error = await send(row.provider(fake), row.model, { type: 'image', mediaType: 'image/png', data: PNG });
      assert.equal(error, undefined, error?.message);
      const posted = fake.requests.filter((r) => r.method === 'POST').at(-1);
      assert.deepEqual(row.wirePart(posted?.body), EXPECTED_WIRE[row.vendor]);
    });

    for (const bad of MALFORMED) {
      it(`${row.vendor}: rejects ${bad.name} as the API does (400 → invalidRequest)`, async () => {
        const error = await send(row.provider(fake), row.model, bad.image);
        assert.equal(error?.reason, 'invalidRequest', error?.message ?? 'accepted a malformed image');
      });
    }
  }
});
