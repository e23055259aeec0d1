import assert from 'node:assert/strict';
import { fromWorkspace, RESTRICTED_SETTINGS, trustedValue } from '../../../../src/core/config/restrictedSettings';
import { settingsSchema } from '../../../../src/core/config/settingsSchema';
import { readManifest } from '../../packageManifest';

interface Manifest {
  readonly capabilities: { readonly untrustedWorkspaces: { readonly restrictedConfigurations: readonly string[] } };
}

describe('restricted settings (issue 13, findings 1 and 7)', () => {
  it('the manifest restricts exactly RESTRICTED_SETTINGS, each a real setting', () => {
    assert.deepEqual([...readManifest<Manifest>().capabilities.untrustedWorkspaces.restrictedConfigurations].sort(), [...RESTRICTED_SETTINGS].sort());
    for (const key of RESTRICTED_SETTINGS) assert.ok(key in settingsSchema, key);
  });

  const spending = ['quorum.routing.classifier', 'quorum.budget.dailyUsd', 'quorum.budget.monthlyUsd', 'quorum.budget.perRequestUsd',
    'quorum.routing.featureTiers', 'quorum.codeActions.tiers', 'quorum.health.intervalSeconds', 'quorum.health.activeChecks', 'quorum.ask.contextTokenBudget'];
  for (const key of spending) {
    it(`an untrusted workspace cannot set ${key}: the user's value (or the default) applies`, () => {
      assert.equal(trustedValue(key, false, 'workspace value', { globalValue: 'user value', workspaceValue: 'workspace value' }), 'user value');
      assert.equal(trustedValue(key, false, 'workspace value', { workspaceValue: 'workspace value' }), undefined);
      assert.equal(trustedValue(key, true, 'workspace value', { workspaceValue: 'workspace value' }), 'workspace value');
    });
  }

  it('an unrestricted setting keeps the workspace value', () => {
    assert.equal(trustedValue('quorum.spend.statusBarScope', false, 'month', { workspaceValue: 'month' }), 'month');
  });

  it('tells where a value comes from', () => {
    assert.equal(fromWorkspace('quorum.providers.openaiCompatible', true, { globalValue: [], workspaceValue: [] }), true);
    assert.equal(fromWorkspace('quorum.providers.openaiCompatible', true, { globalValue: [] }), false);
    assert.equal(fromWorkspace('quorum.providers.openaiCompatible', false, { workspaceValue: [] }), false, 'ignored, so not used');
  });
});
