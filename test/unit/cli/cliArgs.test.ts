import assert from 'node:assert/strict';
import { parseCliArgs } from '../../../src/cli/cliArgs';

describe('parseCliArgs', () => {
  it('reads the suite path, models, judge, cap, workspace and --json', () => {
    assert.deepEqual(parseCliArgs(['.quorum/evals', '--models', 'openai/gpt-6-luna, anthropic/claude-haiku-5-5', '--judge', 'anthropic/claude-sonnet-5-5', '--max-usd', '2.5', '--workspace', 'w', '--json']), {
      path: '.quorum/evals', json: true, maxUsd: 2.5, workspace: 'w',
      models: [{ provider: 'openai', model: 'gpt-6-luna' }, { provider: 'anthropic', model: 'claude-haiku-5-5' }],
      judge: { provider: 'anthropic', model: 'claude-sonnet-5-5' },
    });
  });

  const bad: ReadonlyArray<readonly [string[], RegExp]> = [
    [['a', 'b', '--models', 'openai/x'], /exactly one suite/],
    [['a', '--models'], /--models needs a value/],
    [['a', '--models', 'openai/x', '--verbose'], /unknown option --verbose/],
    [['a', '--models', Array.from({ length: 13 }, (_, i) => `openai/m${i}`).join(',')], /at most 12 models/],
    [['a', '--models', 'openai/x', '--judge', 'sonnet'], /--judge "sonnet" is not provider\/model/],
    [['a', '--models', 'openai/x', '--max-usd', '0'], /--max-usd must be a positive number/],
  ];
  for (const [argv, problem] of bad) {
    it(`refuses ${argv.join(' ').slice(0, 60)}`, () => {
      const parsed = parseCliArgs(argv);
      assert.ok('problem' in parsed);
      assert.match(parsed.problem, problem);
    });
  }
});
