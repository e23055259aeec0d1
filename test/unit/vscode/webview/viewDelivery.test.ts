import assert from 'node:assert/strict';
import { ViewDelivery, type Delivery } from '../../../../src/vscode/webview/viewDelivery';

type Step =
  | { readonly do: 'show' | 'hide'; readonly snapshotDue: boolean }
  | { readonly do: 'delta'; readonly expect: Delivery }
  | { readonly do: 'close' };

function run(visible: boolean, steps: readonly Step[]): void {
  const delivery = new ViewDelivery(visible);
  steps.forEach((step, i) => {
    const at = `step ${i} (${step.do})`;
    if (step.do === 'show' || step.do === 'hide') assert.equal(delivery.setVisible(step.do === 'show'), step.snapshotDue, at);
    else if (step.do === 'delta') assert.equal(delivery.delta(), step.expect, at);
    else delivery.close();
  });
}

describe('ViewDelivery', () => {
  const cases: readonly { readonly name: string; readonly visible: boolean; readonly steps: readonly Step[] }[] = [
    {
      name: 'posts deltas while visible; while hidden only the tap sees them; a snapshot is due on becoming visible',
      visible: true,
      steps: [
        { do: 'delta', expect: 'post' },
        { do: 'hide', snapshotDue: false },
        { do: 'delta', expect: 'tapOnly' },
        { do: 'show', snapshotDue: true },
        { do: 'delta', expect: 'post' },
      ],
    },
    {
      name: 'asks for a snapshot only on the change from hidden to visible, not on every view-state event',
      visible: true,
      steps: [
        { do: 'show', snapshotDue: false },
        { do: 'hide', snapshotDue: false },
        { do: 'hide', snapshotDue: false },
        { do: 'show', snapshotDue: true },
        { do: 'show', snapshotDue: false },
      ],
    },
    {
      name: 'a panel restored hidden gets its snapshot when first shown',
      visible: false,
      steps: [
        { do: 'delta', expect: 'tapOnly' },
        { do: 'show', snapshotDue: true },
        { do: 'delta', expect: 'post' },
      ],
    },
    {
      name: 'delivers nothing once closed',
      visible: true,
      steps: [
        { do: 'close' },
        { do: 'delta', expect: 'drop' },
        { do: 'hide', snapshotDue: false },
        { do: 'show', snapshotDue: false },
      ],
    },
  ];
  for (const c of cases) it(c.name, () => run(c.visible, c.steps));

  it('delivers only the newest snapshot: one that finishes after a newer one began is dropped', () => {
    const delivery = new ViewDelivery(true);
    const older = delivery.beginSnapshot();
    const newer = delivery.beginSnapshot();
    assert.equal(delivery.snapshot(newer), 'post');
    assert.equal(delivery.snapshot(older), 'drop');
  });

  it('shows a snapshot built while hidden to the tap only, and drops every snapshot after closing', () => {
    const delivery = new ViewDelivery(false);
    assert.equal(delivery.snapshot(delivery.beginSnapshot()), 'tapOnly');
    delivery.setVisible(true);
    const ticket = delivery.beginSnapshot();
    assert.equal(delivery.visible, true);
    delivery.close();
    assert.equal(delivery.visible, false);
    assert.equal(delivery.snapshot(ticket), 'drop');
  });
});
