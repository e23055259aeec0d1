import assert from 'node:assert/strict';
import type { QuorumSettings } from '../../../../src/core/config/settingsSchema';
import { validateSettings, type IssueSeverity, type SettingsIssue, type ValidatedSettings } from '../../../../src/core/config/validateSettings';

/** Raw setting values by key, as VS Code's configuration would return them. */
export type Raw = Readonly<Record<string, unknown>>;

export function run(raw: Raw): ValidatedSettings {
  return validateSettings((key) => raw[key]);
}

/** Issues as `severity setting`, the form the tables list them in. */
export function summary(issues: readonly SettingsIssue[]): string[] {
  return issues.map((issue) => `${issue.severity} ${issue.setting}`);
}

/** One table row: raw settings in, the exact issues out, and the part of the result that matters. */
export interface IssueRow {
  readonly name: string;
  readonly raw: Raw;
  /** Every issue expected, in order, as `severity setting`; empty for a clean value. */
  readonly issues: readonly `${IssueSeverity} ${string}`[];
  /** Words the first issue's message must contain. */
  readonly says?: RegExp;
  readonly pick: (settings: QuorumSettings) => unknown;
  readonly expected: unknown;
}

/** One test per row: exact issues, finished sentences, the expected wording, and the value kept. */
export function itValidates(rows: readonly IssueRow[]): void {
  for (const row of rows) {
    it(row.name, () => {
      const { value, issues } = run(row.raw);
      assert.deepEqual(summary(issues), row.issues);
      for (const issue of issues) assert.match(issue.message, /\S.*\.$/, `unfinished message: ${issue.message}`);
      if (row.says) assert.match(issues[0]?.message ?? '', row.says);
      assert.deepEqual(row.pick(value), row.expected);
    });
  }
}
