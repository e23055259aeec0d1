import assert from 'node:assert/strict';
import { createBudgetGate, type BudgetPorts, type BudgetSettings } from '../../../src/app/budgetGate';
import { budgetStatus, type BudgetCaps } from '../../../src/core/cost/budget';

interface Said {
  confirms: string[];
  blocked: string[];
  stopped: string[];
}

function ports(caps: BudgetCaps, spentToday: number, settings: Partial<BudgetSettings>, answer = false): BudgetPorts & { said: Said } {
  const said: Said = { confirms: [], blocked: [], stopped: [] };
  const status = budgetStatus(caps, { day: { costUsd: spentToday, unpricedCalls: 0 }, month: { costUsd: spentToday, unpricedCalls: 0 } });
  return {
    said,
    ready: async () => undefined,
    status: () => status,
    settings: () => ({ onExceed: 'confirm', stopStreamingAtCap: false, ...settings }),
    confirm: async (reason) => (said.confirms.push(reason), answer),
    blocked: (reason) => void said.blocked.push(reason),
    stopped: (reason) => void said.stopped.push(reason),
  };
}

describe('BudgetGate', () => {
  describe('admit', () => {
    const rows: { name: string; caps: BudgetCaps; spent: number; settings: Partial<BudgetSettings>; estimate: number | undefined; answer?: boolean; go: boolean; asked: boolean; blocked: boolean; reason?: RegExp }[] = [
      { name: 'no budget at all: sends', caps: {}, spent: 0, settings: {}, estimate: 5, go: true, asked: false, blocked: false },
      { name: 'within the daily cap: sends', caps: { dailyUsd: 1 }, spent: 0.2, settings: {}, estimate: 0.1, go: true, asked: false, blocked: false },
      { name: 'would cross the daily cap, user declines: not sent, quietly', caps: { dailyUsd: 1 }, spent: 0.95, settings: {}, estimate: 0.1, answer: false, go: false, asked: true, blocked: false },
      { name: 'would cross the daily cap, user agrees: sent over the cap', caps: { dailyUsd: 1 }, spent: 0.95, settings: {}, estimate: 0.1, answer: true, go: true, asked: true, blocked: false },
      { name: 'cap used up with onExceed block: refused with a reason', caps: { dailyUsd: 1 }, spent: 1, settings: { onExceed: 'block' }, estimate: 0.1, go: false, asked: false, blocked: true, reason: /^Not sent: Today's \$1\.00 budget is used up/ },
      { name: 'estimate above the per-request cap: asks first', caps: {}, spent: 0, settings: { perRequestUsd: 0.05 }, estimate: 0.1, answer: false, go: false, asked: true, blocked: false },
      { name: 'estimate under the per-request cap: sends', caps: {}, spent: 0, settings: { perRequestUsd: 0.5 }, estimate: 0.1, go: true, asked: false, blocked: false },
      { name: 'unknown estimate (unpriced model): sends unchecked', caps: { dailyUsd: 1 }, spent: 0.99, settings: { perRequestUsd: 0.01 }, estimate: undefined, go: true, asked: false, blocked: false },
    ];
    for (const row of rows) {
      it(row.name, async () => {
        const p = ports(row.caps, row.spent, row.settings, row.answer);
        const admission = await createBudgetGate(p).admit(row.estimate);
        assert.equal(admission.go, row.go);
        assert.equal(p.said.confirms.length > 0, row.asked);
        assert.equal(p.said.blocked.length > 0, row.blocked);
        if (row.reason !== undefined) assert.match(admission.reason ?? '', row.reason);
        if (row.asked && row.go) assert.equal(admission.confirmedOverCap, true);
      });
    }

    it('the per-request question names the estimate, the cap and the setting', async () => {
      const p = ports({}, 0, { perRequestUsd: 0.05 });
      await createBudgetGate(p).admit(0.12);
      assert.match(p.said.confirms[0] ?? '', /may cost up to \$0\.12(00)?, over your \$0\.05(00)? cap on one request \(quorum\.budget\.perRequestUsd\)/);
    });
  });

  describe('liveCheck', () => {
    it('counts nothing while no live check is on (the cost is never computed)', async () => {
      const gate = createBudgetGate(ports({ dailyUsd: 1 }, 0, {}));
      const admission = await gate.admit(0.01);
      let computed = 0;
      assert.equal(gate.liveCheck(() => (computed++, 50), admission), undefined);
      assert.equal(computed, 0);
    });

    it('stops a request at the per-request cap, tells the user once, and keeps saying stop', async () => {
      const p = ports({}, 0, { perRequestUsd: 0.1 });
      const gate = createBudgetGate(p);
      const admission = await gate.admit(0.05);
      assert.equal(gate.liveCheck(() => 0.09, admission), undefined);
      const reason = gate.liveCheck(() => 0.1, admission);
      assert.match(reason ?? '', /^Stopped at your \$0\.10(00)? cap on one request/);
      assert.equal(gate.liveCheck(() => 0.01, admission), reason);
      assert.deepEqual(p.said.stopped, [reason]);
    });

    it('stops at the daily cap only with stopStreamingAtCap', async () => {
      for (const stopStreamingAtCap of [false, true]) {
        const gate = createBudgetGate(ports({ dailyUsd: 1 }, 0.9, { stopStreamingAtCap }));
        const admission = await gate.admit(0.01);
        const reason = gate.liveCheck(() => 0.2, admission);
        assert.equal(reason !== undefined, stopStreamingAtCap, `stopStreamingAtCap ${stopStreamingAtCap}`);
      }
    });

    it('never stops a request the user chose to send over a cap, nor one of unknown cost', async () => {
      const over = createBudgetGate(ports({ dailyUsd: 1 }, 0.95, { stopStreamingAtCap: true, perRequestUsd: 0.01 }, true));
      const confirmed = await over.admit(0.5);
      assert.equal(confirmed.confirmedOverCap, true);
      assert.equal(over.liveCheck(() => 5, confirmed), undefined);
      const unknown = createBudgetGate(ports({}, 0, { perRequestUsd: 0.01 }));
      assert.equal(unknown.liveCheck(() => undefined, await unknown.admit(undefined)), undefined);
    });
  });
});
