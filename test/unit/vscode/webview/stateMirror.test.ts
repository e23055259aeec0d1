import assert from 'node:assert/strict';
import { StateMirror } from '../../../../src/vscode/webview/stateMirror';

/** A counter view: the whole value when the view's copy is unknown, else the increase. */
type CounterMessage = { readonly whole: number } | { readonly add: number };
const counter = () => new StateMirror<number, CounterMessage>({
  diff: (shown, next) => (shown === undefined ? { whole: next } : { add: next - shown }),
  urgent: (shown, next) => shown === undefined || next < shown,
});

describe('StateMirror', () => {
  it('has nothing to send before the first state', () => {
    const mirror = counter();
    assert.equal(mirror.current, undefined);
    assert.equal(mirror.take(), undefined);
  });

  it('sends the whole state first, then coalesced differences from what the view shows', () => {
    const mirror = counter();
    assert.equal(mirror.set(1), 'now');
    assert.deepEqual(mirror.take(), { whole: 1 });
    assert.equal(mirror.set(3), 'later');
    assert.equal(mirror.set(6), 'later');
    assert.deepEqual(mirror.take(), { add: 5 }, 'two updates, one message');
    assert.equal(mirror.current, 6);
  });

  it('asks for a flush at once when the rule says the change is urgent', () => {
    const mirror = counter();
    mirror.set(5);
    mirror.take();
    assert.equal(mirror.set(2), 'now');
  });

  it('after forget (the view reloaded or was hidden), the next message is whole again', () => {
    const mirror = counter();
    mirror.set(4);
    mirror.take();
    mirror.set(7);
    mirror.forget();
    assert.deepEqual(mirror.take(), { whole: 7 });
    assert.equal(mirror.set(8), 'later');
  });

  it('starts from a restored state, sent whole', () => {
    const mirror = new StateMirror<number, CounterMessage>({ diff: (shown, next) => (shown === undefined ? { whole: next } : { add: next - shown }), urgent: () => false }, 9);
    assert.equal(mirror.current, 9);
    assert.deepEqual(mirror.take(), { whole: 9 });
  });
});
