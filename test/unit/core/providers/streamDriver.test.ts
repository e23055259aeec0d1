import assert from 'node:assert/strict';
import { ProviderError } from '../../../../src/core/errors';
import { driveStream, type VendorStream } from '../../../../src/core/providers/streamDriver';
import type { StreamEvent } from '../../../../src/core/types';

/** A scripted vendor: each step is a chunk (events), a pause in ms, or an error to throw. */
type Step = { events: StreamEvent[] } | { pause: number } | { fail: unknown };

function vendor(steps: Step[], options: { flush?: StreamEvent[]; openDelayMs?: number } = {}): VendorStream<StreamEvent[]> & { openedWith?: AbortSignal } {
  const spec: VendorStream<StreamEvent[]> & { openedWith?: AbortSignal } = {
    provider: 'test', providerName: 'Test', model: 'm1',
    async open(signal) {
      spec.openedWith = signal;
      if (options.openDelayMs) await new Promise((r) => setTimeout(r, options.openDelayMs));
      return (async function* () {
        for (const step of steps) {
          if ('pause' in step) await new Promise((r) => setTimeout(r, step.pause));
          else if ('fail' in step) throw step.fail;
          else yield step.events;
          if (signal.aborted) return; // like the OpenAI/Anthropic SDKs: end silently when aborted
        }
      })();
    },
    translate: (events) => events,
    flush: options.flush === undefined ? undefined : () => options.flush ?? [],
    classify: (error) => new ProviderError({ reason: 'serverError', provider: 'test', message: 'classified', cause: error }),
  };
  return spec;
}

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const event of stream) out.push(event);
  return out;
}

async function failure(stream: AsyncIterable<StreamEvent>): Promise<ProviderError> {
  try {
    await collect(stream);
  } catch (error) {
    assert.ok(error instanceof ProviderError, `expected ProviderError, got ${String(error)}`);
    return error;
  }
  assert.fail('stream did not fail');
}

const text = (t: string): StreamEvent => ({ type: 'text-delta', text: t });
const finish: StreamEvent = { type: 'finish', reason: 'stop' };
const signal = (): AbortSignal => new AbortController().signal;

describe('driveStream', () => {
  it('passes events through in order and drops empty deltas', async () => {
    const events = await collect(driveStream(vendor([{ events: [text('a'), text('')] }, { events: [text('b'), finish] }]), { signal: signal() }));
    assert.deepEqual(events, [text('a'), text('b'), finish]);
  });

  it('ignores anything after the terminal finish event', async () => {
    const events = await collect(driveStream(vendor([{ events: [text('a'), finish, text('late')] }, { events: [text('later')] }]), { signal: signal() }));
    assert.deepEqual(events, [text('a'), finish]);
  });

  it('takes held-back events from flush after the iterator ends', async () => {
    const usage: StreamEvent = { type: 'usage', usage: { inputTokens: 3 } };
    const events = await collect(driveStream(vendor([{ events: [text('a')] }], { flush: [usage, finish] }), { signal: signal() }));
    assert.deepEqual(events, [text('a'), usage, finish]);
  });

  it('reports a stream that ends without finish as malformedResponse', async () => {
    const error = await failure(driveStream(vendor([{ events: [text('a')] }]), { signal: signal() }));
    assert.equal(error.reason, 'malformedResponse');
    assert.match(error.message, /terminal signal/);
  });

  it('times out when the first token is late, and aborts the request signal', async () => {
    const spec = vendor([{ pause: 200 }, { events: [text('a'), finish] }]);
    const error = await failure(driveStream(spec, { signal: signal(), timeouts: { firstTokenMs: 30 } }));
    assert.equal(error.reason, 'timeout');
    assert.equal(error.providerCode, 'first-token-timeout');
    assert.equal(spec.openedWith?.aborted, true);
  });

  it('times out when opening (headers) takes longer than the first-token deadline', async () => {
    const error = await failure(driveStream(vendor([{ events: [finish] }], { openDelayMs: 200 }), { signal: signal(), timeouts: { firstTokenMs: 30 } }));
    assert.equal(error.reason, 'timeout');
  });

  it('times out when the stream goes idle after the first token', async () => {
    const spec = vendor([{ events: [text('a')] }, { pause: 200 }, { events: [finish] }]);
    const error = await failure(driveStream(spec, { signal: signal(), timeouts: { firstTokenMs: 1000, idleMs: 30 } }));
    assert.equal(error.reason, 'timeout');
    assert.equal(error.providerCode, 'idle-timeout');
  });

  it('restarts the idle deadline at every chunk, so a long answer that keeps arriving never times out', async () => {
    const steps: Step[] = [{ events: [text('a')] }];
    for (let i = 0; i < 10; i++) steps.push({ pause: 10 }, { events: [text('b')] });
    const events = await collect(driveStream(vendor([...steps, { events: [finish] }]), { signal: signal(), timeouts: { idleMs: 60 } }));
    assert.equal(events.length, 12);
  });

  it('does not count the time the consumer holds an event against the idle deadline', async () => {
    const seen: StreamEvent[] = [];
    for await (const event of driveStream(vendor([{ events: [text('a')] }, { events: [text('b'), finish] }]), { signal: signal(), timeouts: { idleMs: 40 } })) {
      seen.push(event);
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(seen, [text('a'), text('b'), finish]);
  });

  it('reports the configured first-token deadline, not what was left of it at the last chunk', async () => {
    const usage: StreamEvent = { type: 'usage', usage: { inputTokens: 1 } };
    const steps: Step[] = [{ events: [usage] }, { pause: 150 }, { events: [usage] }, { pause: 1000 }, { events: [finish] }];
    const error = await failure(driveStream(vendor(steps), { signal: signal(), timeouts: { firstTokenMs: 300 } }));
    assert.equal(error.providerCode, 'first-token-timeout');
    assert.match(error.message, /within 0\.3 s/);
  });

  it('aborts the request when the consumer stops early, and leaves a stream read to its end alone', async () => {
    const early = vendor([{ events: [text('a')] }, { events: [text('b'), finish] }]);
    for await (const event of driveStream(early, { signal: signal() })) {
      assert.deepEqual(event, text('a'));
      break;
    }
    assert.equal(early.openedWith?.aborted, true);
    const whole = vendor([{ events: [text('a'), finish] }]);
    await collect(driveStream(whole, { signal: signal() }));
    // Nothing is left to cancel; aborting anyway cost every call an Error and an abort cascade in the SDK.
    assert.equal(whole.openedWith?.aborted, false);
  });

  it('does not count usage-only chunks as progress', async () => {
    const usage: StreamEvent = { type: 'usage', usage: { inputTokens: 1 } };
    const steps: Step[] = [{ events: [usage] }, { pause: 20 }, { events: [usage] }, { pause: 20 }, { events: [usage] }, { pause: 20 }, { events: [finish] }];
    const error = await failure(driveStream(vendor(steps), { signal: signal(), timeouts: { firstTokenMs: 40 } }));
    assert.equal(error.providerCode, 'first-token-timeout');
  });

  it('turns a caller abort into reason aborted, even when the iterator ends silently', async () => {
    const controller = new AbortController();
    const spec = vendor([{ events: [text('a')] }, { pause: 50 }, { events: [text('b'), finish] }]);
    const seen: StreamEvent[] = [];
    await assert.rejects(async () => {
      for await (const event of driveStream(spec, { signal: controller.signal })) {
        seen.push(event);
        controller.abort();
      }
    }, (error: unknown) => error instanceof ProviderError && error.reason === 'aborted');
    assert.deepEqual(seen, [text('a')]);
    assert.equal(spec.openedWith?.aborted, true);
  });

  it('refuses to start when the caller already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(driveStream(vendor([{ events: [finish] }]), { signal: controller.signal }));
    assert.equal(error.reason, 'aborted');
  });

  it('sends unknown errors through the vendor classifier and keeps ProviderErrors as they are', async () => {
    const classified = await failure(driveStream(vendor([{ fail: new Error('boom') }]), { signal: signal() }));
    assert.equal(classified.message, 'classified');
    const own = new ProviderError({ reason: 'overloaded', provider: 'test', message: 'own' });
    assert.equal(await failure(driveStream(vendor([{ events: [text('a')] }, { fail: own }]), { signal: signal() })), own);
  });
});

describe('ProviderError identity across bundles', () => {
  it('is recognised by instanceof even when another copy of the class made it', () => {
    // The vendor adapters ship in their own bundle with their own copy of the class: simulate one.
    const foreign = Object.assign(new Error('x'), { [Symbol.for('quorum.ProviderError')]: true, reason: 'timeout' });
    assert.ok(foreign instanceof ProviderError);
    assert.ok(!(new Error('plain') instanceof ProviderError));
    assert.ok(!((null as unknown as object) instanceof ProviderError));
    assert.ok(new ProviderError({ reason: 'network', provider: 'p', message: 'm' }) instanceof ProviderError);
  });

  describe('an empty answer is not a success', () => {
    const rows: readonly { name: string; steps: Step[]; flush?: StreamEvent[]; fails: boolean }[] = [
      { name: 'stop with no text', steps: [{ events: [{ type: 'usage', usage: { outputTokens: 46 } }, finish] }], fails: true },
      { name: 'stop with only empty text deltas', steps: [{ events: [text(''), text('')] }, { events: [finish] }], fails: true },
      { name: 'a held-back stop with no text (flush)', steps: [{ events: [] }], flush: [finish], fails: true },
      { name: 'length with no text (the budget went on thoughts)', steps: [{ events: [{ type: 'finish', reason: 'length' }] }], fails: false },
      { name: 'content-filter with no text', steps: [{ events: [{ type: 'finish', reason: 'content-filter' }] }], fails: false },
      { name: 'a tool call with no text', steps: [{ events: [{ type: 'finish', reason: 'tool' }] }], fails: false },
      { name: 'stop after text', steps: [{ events: [text('4'), finish] }], fails: false },
    ];
    for (const row of rows) {
      it(`${row.name}: ${row.fails ? 'malformedResponse empty-answer' : 'finishes'}`, async () => {
        const stream = driveStream(vendor(row.steps, row.flush === undefined ? {} : { flush: row.flush }), { signal: signal() });
        if (!row.fails) {
          assert.equal((await collect(stream)).filter((e) => e.type === 'finish').length, 1);
          return;
        }
        const error = await failure(stream);
        assert.deepEqual([error.reason, error.providerCode], ['malformedResponse', 'empty-answer']);
      });
    }
  });
});
