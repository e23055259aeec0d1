import { startFakeServer, type FakeServer, type FakeServerOptions, type VendorFake } from './fakeServer';

/**
 * Mocha hooks for a suite that talks to the fakes: one server for the whole suite, forgetting queued
 * scenarios and recorded requests before each test, closed after. Returns a handle that forwards to
 * the running server, so a suite can use it like a `FakeServer` from its tests and helpers.
 */
export function useFakeServer(vendors: () => VendorFake[], options: FakeServerOptions = {}): FakeServer {
  let server: FakeServer | undefined;
  const current = (): FakeServer => {
    if (server === undefined) throw new Error('the fake server is not running (use it inside tests and hooks)');
    return server;
  };
  before(async () => {
    server = await startFakeServer(vendors(), options);
  });
  after(async () => {
    await server?.close();
    server = undefined;
  });
  beforeEach(() => server?.reset());
  return {
    get url() {
      return current().url;
    },
    get port() {
      return current().port;
    },
    get baseUrls() {
      return current().baseUrls;
    },
    get requests() {
      return current().requests;
    },
    enqueue: (...scenarios) => current().enqueue(...scenarios),
    reset: () => current().reset(),
    close: () => current().close(),
  };
}
