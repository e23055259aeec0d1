import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Fault, RecordedRequest, Scenario, VendorId } from './scenario';
import type { ScriptedAnswer } from './script';
import { whenClosed } from './streamWriter';
import { sendJson } from './wire';

export interface FakeServerOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Pace of streamed content chunks; 0/undefined = no pacing. */
  readonly tokensPerSecond?: number;
  /** Delay before response headers on every request, in ms. */
  readonly headerLatencyMs?: number;
  readonly answers?: readonly ScriptedAnswer[];
}

/** What a vendor fake receives for one request. `path` is relative to the vendor prefix. */
export interface FakeRequest {
  readonly vendor: VendorId;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly scenario?: Scenario;
  readonly fault?: Fault;
  readonly options: FakeServerOptions;
}

export interface VendorFake {
  readonly vendor: VendorId;
  /** Model the request names (body `model`, or the Gemini URL path), for matching scenarios. */
  modelOf(path: string, body: unknown): string | undefined;
  handle(request: FakeRequest): Promise<void>;
}

/** URL prefix per vendor: one server speaks all four dialects side by side. */
export const VENDOR_PREFIX: Readonly<Record<VendorId, string>> = {
  openai: '/openai',
  openaiCompatible: '/compat',
  anthropic: '/anthropic',
  gemini: '/gemini',
};

export interface FakeServer {
  readonly url: string;
  readonly port: number;
  /** Base URLs as each SDK expects them (OpenAI-style ones include `/v1`). */
  readonly baseUrls: Readonly<Record<VendorId, string>>;
  readonly requests: RecordedRequest[];
  enqueue(...scenarios: Scenario[]): void;
  /** Forgets queued scenarios and recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

interface QueuedScenario {
  scenario: Scenario;
  remaining: number;
}

/** A key containing this text is rejected with the vendor's auth error; a missing key always is. */
export const REJECTED_KEY_MARKER = 'invalid';

export async function startFakeServer(vendors: readonly VendorFake[], options: FakeServerOptions = {}): Promise<FakeServer> {
  const byVendor = new Map(vendors.map((v) => [v.vendor, v]));
  const queue: QueuedScenario[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const take = (vendor: VendorId, model: string | undefined): Scenario | undefined => {
    const index = queue.findIndex((q) => (q.scenario.vendor === undefined || q.scenario.vendor === vendor)
      && (q.scenario.model === undefined || q.scenario.model === model));
    if (index < 0) return undefined;
    const hit = queue[index] as QueuedScenario;
    if (hit.remaining > 0 && --hit.remaining === 0) queue.splice(index, 1);
    return hit.scenario;
  };
  const enqueue = (...scenarios: Scenario[]): void => {
    for (const scenario of scenarios) queue.push({ scenario, remaining: scenario.times ?? 1 });
  };

  const server: Server = createServer((req, res) => {
    void serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: `fake server bug: ${String(error)}` } });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      body = raw;
    }
    if (url.pathname.startsWith('/__fake/')) return control(url.pathname, req.method ?? 'GET', body, res);

    const vendorId = (Object.keys(VENDOR_PREFIX) as VendorId[])
      .find((v) => url.pathname === VENDOR_PREFIX[v] || url.pathname.startsWith(`${VENDOR_PREFIX[v]}/`));
    const vendor = vendorId === undefined ? undefined : byVendor.get(vendorId);
    if (vendorId === undefined || vendor === undefined) {
      requests.push({ vendor: 'unknown', method: req.method ?? '', path: url.pathname, headers: req.headers, body, at: Date.now() });
      return sendJson(res, 404, { error: { message: `no fake at ${url.pathname}` } });
    }
    const path = url.pathname.slice(VENDOR_PREFIX[vendorId].length) || '/';
    const model = vendor.modelOf(path, body);
    const scenario = take(vendorId, model);
    const fault = scenario?.fault;
    const record: RecordedRequest = {
      vendor: vendorId, method: req.method ?? '', path, headers: req.headers, body, model, fault: fault?.kind, at: Date.now(),
    };
    requests.push(record);
    void whenClosed(res).then(() => {
      if (!res.writableFinished) record.clientAborted = true;
    });

    if (fault?.kind === 'drop-connection') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang-headers') {
      await whenClosed(res);
      return;
    }
    if (options.headerLatencyMs) await new Promise((r) => setTimeout(r, options.headerLatencyMs));
    await vendor.handle({ vendor: vendorId, req, res, method: req.method ?? 'GET', path, query: url.searchParams, body, scenario, fault, options });
  }

  function control(path: string, method: string, body: unknown, res: ServerResponse): void {
    if (path === '/__fake/scenarios' && method === 'POST') {
      enqueue(...(Array.isArray(body) ? body : [body]) as Scenario[]);
      return sendJson(res, 200, { queued: queue.length });
    }
    if (path === '/__fake/scenarios' && method === 'DELETE') {
      queue.length = 0;
      requests.length = 0;
      return sendJson(res, 200, { ok: true });
    }
    if (path === '/__fake/requests' && method === 'GET') return sendJson(res, 200, requests);
    if (path === '/__fake/health') return sendJson(res, 200, { ok: true });
    sendJson(res, 404, { error: { message: `unknown control path ${path}` } });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    url,
    port,
    baseUrls: {
      openai: `${url}${VENDOR_PREFIX.openai}/v1`,
      openaiCompatible: `${url}${VENDOR_PREFIX.openaiCompatible}/v1`,
      anthropic: `${url}${VENDOR_PREFIX.anthropic}`,
      gemini: `${url}${VENDOR_PREFIX.gemini}`,
    },
    requests,
    enqueue,
    reset: () => {
      queue.length = 0;
      requests.length = 0;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A port on 127.0.0.1 where nothing listens (fault #11, connection refused). */
export async function refusedPort(): Promise<number> {
  const { createServer: createNetServer } = await import('node:net');
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}
