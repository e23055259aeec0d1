// The "Get started with Quorum" walkthrough (package.json contributes.walkthroughs): every page it shows
// exists and ships in the VSIX, and every command it links to or waits for exists.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readManifest, repoRoot } from './packageManifest';

interface Step {
  readonly id: string;
  readonly description: string;
  readonly media: { readonly markdown?: string; readonly image?: string };
  readonly completionEvents?: readonly string[];
}

interface Manifest {
  readonly contributes: {
    readonly commands: readonly { readonly command: string }[];
    readonly walkthroughs: readonly { readonly id: string; readonly steps: readonly Step[] }[];
  };
}

/** Built-in commands a step may link to (each checked by hand in the workbench). */
const BUILT_IN = new Set(['workbench.action.quickOpen']);

function commandLinks(text: string): string[] {
  return [...text.matchAll(/\(command:([\w.]+)/gu)].map((m) => m[1] ?? '');
}

describe('walkthrough', () => {
  const { contributes } = readManifest<Manifest>();
  const contributed = new Set(contributes.commands.map((c) => c.command));
  const walkthrough = contributes.walkthroughs.find((w) => w.id === 'quorum.gettingStarted');

  it('takes a new user through the demo or a key, ask, follow up, compare, vote, fix and spend', () => {
    assert.deepEqual(walkthrough?.steps.map((s) => s.id), ['setup', 'ask', 'followUp', 'compare', 'vote', 'fix', 'spend']);
  });

  it('shows pages that exist and ship in the VSIX', () => {
    const ignore = readFileSync(join(repoRoot(), '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!media\/walkthrough\/\*\.md$/mu);
    for (const step of walkthrough?.steps ?? []) {
      const page = step.media.markdown ?? step.media.image ?? '';
      assert.match(page, /^media\/walkthrough\/[\w-]+\.md$/u, step.id);
      assert.ok(existsSync(join(repoRoot(), page)), page);
    }
  });

  it('links to and waits for commands that exist', () => {
    for (const step of walkthrough?.steps ?? []) {
      const page = readFileSync(join(repoRoot(), step.media.markdown ?? ''), 'utf8');
      const links = [...commandLinks(step.description), ...commandLinks(page)];
      assert.ok(links.length > 0, `${step.id} links to at least one command`);
      for (const id of links) assert.ok(contributed.has(id) || BUILT_IN.has(id), `${step.id}: command:${id}`);
      for (const event of step.completionEvents ?? []) {
        assert.ok(contributed.has(event.replace(/^onCommand:/u, '')), `${step.id}: ${event}`);
      }
    }
  });
});
