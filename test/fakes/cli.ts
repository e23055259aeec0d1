// `npm run fakes`: the loopback fake providers as a standalone process, for `npm start` and the
// real-VS-Code test tiers. Prints one JSON line with the base URLs once listening; control it over
// HTTP: POST /__fake/scenarios (queue faults), DELETE /__fake/scenarios (reset), GET /__fake/requests.
import { startAllFakes } from './allFakes';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const port = Number(flag('port') ?? process.env.QUORUM_FAKES_PORT ?? 0);
  const tokensPerSecond = Number(flag('tokens-per-second') ?? 0) || undefined;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${flag('port')}`);
  const fake = await startAllFakes({ port, tokensPerSecond });
  console.log(JSON.stringify({ url: fake.url, port: fake.port, baseUrls: fake.baseUrls }));
  const stop = (): void => void fake.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`fake providers failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
