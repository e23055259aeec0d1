import assert from 'node:assert/strict';
import { BUILTIN_POLICIES, LOCAL_POLICY, policyGap, providerPolicy, requiresNothing, type PolicyRequirement, type ProviderPolicy } from '../../../../src/core/privacy/providerPolicy';

describe('providerPolicy', () => {
  it('uses the built-in policy of a vendor, the override field by field over it', () => {
    assert.deepEqual(providerPolicy('openai', undefined, false), BUILTIN_POLICIES['openai']);
    assert.deepEqual(providerPolicy('openai', { openai: { zeroDataRetention: true } }, false), { zeroDataRetention: true, region: 'us', trainsOnData: false });
    assert.deepEqual(providerPolicy('gemini', { gemini: { trainsOnData: false, region: 'eu' } }, false), { zeroDataRetention: false, trainsOnData: false, region: 'eu' });
  });

  it('knows nothing of a remote compatible endpoint unless the user says', () => {
    assert.deepEqual(providerPolicy('compat:openrouter', undefined, false), {});
    assert.deepEqual(providerPolicy('compat:openrouter', { 'compat:openrouter': { region: 'eu' } }, false), { region: 'eu' });
  });

  it('treats a local endpoint as keeping everything on the machine, whatever is configured', () => {
    assert.equal(providerPolicy('compat:ollama', { 'compat:ollama': { trainsOnData: true } }, true), LOCAL_POLICY);
    assert.equal(policyGap(LOCAL_POLICY, { zeroDataRetention: true, region: ['eu'], trainsOnData: false }), undefined);
    assert.equal(policyGap(LOCAL_POLICY, { region: [] }), undefined);
  });

  const GAPS: readonly { name: string; policy: ProviderPolicy; require: PolicyRequirement | undefined; gap: string | undefined }[] = [
    { name: 'no requirement', policy: {}, require: undefined, gap: undefined },
    { name: 'ZDR met', policy: { zeroDataRetention: true }, require: { zeroDataRetention: true }, gap: undefined },
    { name: 'ZDR missing', policy: { zeroDataRetention: false }, require: { zeroDataRetention: true }, gap: 'no zero data retention' },
    { name: 'ZDR unknown', policy: {}, require: { zeroDataRetention: true }, gap: 'zero data retention unknown' },
    { name: 'ZDR false required nothing', policy: {}, require: { zeroDataRetention: false }, gap: undefined },
    { name: 'training met', policy: { trainsOnData: false }, require: { trainsOnData: false }, gap: undefined },
    { name: 'training', policy: { trainsOnData: true }, require: { trainsOnData: false }, gap: 'may train on the data' },
    { name: 'training unknown', policy: {}, require: { trainsOnData: false }, gap: 'training on data unknown' },
    { name: 'region met', policy: { region: 'eu' }, require: { region: ['eu', 'uk'] }, gap: undefined },
    { name: 'region other', policy: { region: 'us' }, require: { region: ['eu'] }, gap: 'region us' },
    { name: 'region unknown', policy: {}, require: { region: ['eu'] }, gap: 'region unknown' },
    { name: 'no region allowed', policy: { region: 'eu' }, require: { region: [] }, gap: 'region eu' },
    { name: 'every gap at once', policy: BUILTIN_POLICIES['gemini'] ?? {}, require: { zeroDataRetention: true, region: ['eu'], trainsOnData: false }, gap: 'no zero data retention, may train on the data, region unknown' },
  ];
  for (const row of GAPS) {
    it(`policyGap: ${row.name}`, () => assert.equal(policyGap(row.policy, row.require), row.gap));
  }

  it('knows when a requirement sets no condition', () => {
    assert.equal(requiresNothing(undefined), true);
    assert.equal(requiresNothing({ zeroDataRetention: false, trainsOnData: true }), true);
    assert.equal(requiresNothing({ region: [] }), false);
    assert.equal(requiresNothing({ trainsOnData: false }), false);
  });
});
