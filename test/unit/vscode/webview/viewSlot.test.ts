import assert from 'node:assert/strict';
import { ViewSlot } from '../../../../src/vscode/webview/viewSlot';

/** A view that, like the real ones, releases its slot when disposed. */
class FakeView {
  disposals = 0;
  constructor(private readonly slot: ViewSlot<FakeView>) {}
  dispose(): void {
    this.disposals += 1;
    this.slot.release(this);
  }
}

describe('ViewSlot', () => {
  it('holds one view: filling it closes the one before', () => {
    const slot = new ViewSlot<FakeView>();
    const first = slot.fill(new FakeView(slot));
    const second = slot.fill(new FakeView(slot));
    assert.equal(slot.open, second);
    assert.equal(first.disposals, 1);
    assert.equal(second.disposals, 0);
  });

  it('empties when its view closes, but a stale view closing leaves the newer one', () => {
    const slot = new ViewSlot<FakeView>();
    const first = new FakeView(slot);
    slot.fill(first);
    const second = slot.fill(new FakeView(slot));
    first.dispose();
    assert.equal(slot.open, second);
    second.dispose();
    assert.equal(slot.open, undefined);
  });

  it('close() disposes the open view once and empties, even for a view that does not release itself', () => {
    const slot = new ViewSlot<{ disposals: number; dispose(): void }>();
    const view = { disposals: 0, dispose() { this.disposals += 1; } };
    slot.fill(view);
    slot.close();
    slot.close();
    assert.equal(view.disposals, 1);
    assert.equal(slot.open, undefined);
  });

  it('filling with the view it already holds does not close it', () => {
    const slot = new ViewSlot<FakeView>();
    const view = slot.fill(new FakeView(slot));
    slot.fill(view);
    assert.equal(view.disposals, 0);
    assert.equal(slot.open, view);
  });
});
