import assert from 'node:assert/strict';
import { ApplyProposal } from '../../../../src/core/editor/applyProposal';

const OPENED = { version: 3, targetText: 'let a = 1' };

describe('ApplyProposal (Accept / Discard of an Apply diff)', () => {
  it('applies when the document is as it was when the diff opened', () => {
    const p = new ApplyProposal(OPENED);
    assert.deepEqual(p.accept({ ...OPENED }), { kind: 'apply' });
    assert.equal(p.applied(true), 'applied');
    assert.equal(p.settled, 'applied');
  });

  it('refuses when the document changed since (another version), and stays refused', () => {
    const p = new ApplyProposal(OPENED);
    assert.deepEqual(p.accept({ version: 4, targetText: OPENED.targetText }), { kind: 'stale' });
    assert.deepEqual(p.accept({ ...OPENED }), { kind: 'settled', outcome: 'stale' });
  });

  it('refuses when the target text changed, even at the same version number', () => {
    const p = new ApplyProposal(OPENED);
    assert.deepEqual(p.accept({ version: 3, targetText: 'let a = 2' }), { kind: 'stale' });
  });

  it('Discard and closing the diff change nothing and settle it; a second press does nothing', () => {
    const discarded = new ApplyProposal(OPENED);
    assert.equal(discarded.dismiss('discarded'), 'discarded');
    assert.deepEqual(discarded.accept({ ...OPENED }), { kind: 'settled', outcome: 'discarded' });
    const closed = new ApplyProposal(OPENED);
    assert.equal(closed.dismiss('closed'), 'closed');
    assert.equal(closed.dismiss('discarded'), 'closed');
  });

  it('reports an edit the editor refused as failed', () => {
    const p = new ApplyProposal(OPENED);
    p.accept({ ...OPENED });
    assert.equal(p.applied(false), 'failed');
    assert.equal(p.dismiss('discarded'), 'failed');
  });
});
