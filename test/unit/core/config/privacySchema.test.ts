import assert from 'node:assert/strict';
import { checkPrivacyRequire, checkProviderPolicies } from '../../../../src/core/config/privacySchema';
import type { SettingsIssue } from '../../../../src/core/config/settingsIssues';
import { validateSettings } from '../../../../src/core/config/validateSettings';

describe('privacySchema', () => {
  it('reads a requirement, regions in lower case', () => {
    const issues: SettingsIssue[] = [];
    assert.deepEqual(checkPrivacyRequire({ zeroDataRetention: true, region: ['EU', ' uk '], trainsOnData: false }, issues), { zeroDataRetention: true, region: ['eu', 'uk'], trainsOnData: false });
    assert.deepEqual(issues, []);
  });

  it('reads no requirement from nothing, {} or conditions that require nothing', () => {
    for (const raw of [undefined, {}, { zeroDataRetention: false, trainsOnData: true }]) assert.equal(checkPrivacyRequire(raw, []), undefined);
  });

  for (const [name, raw] of [
    ['a misspelt condition', { zeroDataRetension: true }],
    ['an empty region list', { region: [] }],
    ['a region that is not text', { region: [42] }],
    ['a list', ['eu']],
  ] as const) {
    it(`fails closed on ${name}: only local endpoints, with an error`, () => {
      const issues: SettingsIssue[] = [];
      assert.deepEqual(checkPrivacyRequire(raw, issues), { zeroDataRetention: true, trainsOnData: false, region: [] });
      assert.equal(issues.length, 1);
      assert.match(issues[0]?.message ?? '', /only local endpoints receive requests/);
    });
  }

  it('reads provider policies and skips a bad entry with an error', () => {
    const issues: SettingsIssue[] = [];
    const policies = checkProviderPolicies([
      { provider: 'openai', zeroDataRetention: true, region: 'EU' },
      { provider: 'Mistral', trainsOnData: false },
      { provider: 'gemini', trainsOnData: false, retention: 0 },
      { provider: 'compat:router', trainsOnData: false },
    ], issues);
    assert.deepEqual(policies, { openai: { zeroDataRetention: true, region: 'eu' }, 'compat:router': { trainsOnData: false } });
    assert.deepEqual(issues.map((i) => i.setting), ['quorum.privacy.providerPolicies[1].provider', 'quorum.privacy.providerPolicies[2].retention']);
  });

  it('validateSettings carries the three settings, each only when not its default', () => {
    const read = (values: Record<string, unknown>) => validateSettings((key) => values[key]).value.privacy;
    assert.deepEqual(read({}), { localOnlyGlobs: [] });
    assert.deepEqual(read({ 'quorum.privacy.secrets': 'block', 'quorum.privacy.require': { region: ['eu'] }, 'quorum.privacy.providerPolicies': [{ provider: 'openai', region: 'eu' }] }), {
      localOnlyGlobs: [], secrets: 'block', require: { region: ['eu'] }, providerPolicies: { openai: { region: 'eu' } },
    });
    const bad = validateSettings((key) => (key === 'quorum.privacy.secrets' ? 'ignore' : undefined));
    assert.equal(bad.value.privacy.secrets, undefined);
    assert.deepEqual(bad.issues.map((i) => i.setting), ['quorum.privacy.secrets']);
  });
});
