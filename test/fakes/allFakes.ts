import { anthropicFake } from './anthropicFake';
import { startFakeServer, type FakeServer, type FakeServerOptions } from './fakeServer';
import { geminiFake } from './geminiFake';
import { openaiFake } from './openaiFake';

/** One loopback server speaking OpenAI, OpenAI-compatible, Anthropic and Gemini wire formats. */
export function startAllFakes(options: FakeServerOptions = {}): Promise<FakeServer> {
  return startFakeServer([openaiFake('openai'), openaiFake('openaiCompatible'), anthropicFake(), geminiFake()], options);
}
