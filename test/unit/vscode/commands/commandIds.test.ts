// The typed command ids against the manifest: code may only name commands package.json contributes, and
// every contributed command has an id in code (the integration tier checks that each one is registered).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { commandIds } from '../../../../src/vscode/commands/commandIds';
import { readManifest, repoRoot } from '../../packageManifest';

interface CommandRef {
  readonly command: string;
}

interface Manifest {
  readonly contributes: {
    readonly commands: readonly CommandRef[];
    readonly menus: Readonly<Record<string, readonly CommandRef[]>>;
    readonly keybindings: readonly CommandRef[];
  };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []);
}

describe('commandIds', () => {
  const { contributes } = readManifest<Manifest>();
  const ids = Object.values(commandIds);

  it('equals exactly the commands package.json contributes', () => {
    assert.deepEqual([...ids].sort(), contributes.commands.map((c) => c.command).sort());
  });

  it('names each command once, by its id without the quorum. prefix', () => {
    assert.equal(new Set(ids).size, ids.length);
    for (const [name, id] of Object.entries(commandIds)) assert.equal(id, `quorum.${name}`);
  });

  it('covers every command the manifest\'s menus and keybindings refer to', () => {
    const known = new Set<string>(ids);
    const menuRefs = Object.entries(contributes.menus).flatMap(([menu, items]) => items.map((item) => ({ where: `menus.${menu}`, id: item.command })));
    const keyRefs = contributes.keybindings.map((binding) => ({ where: 'keybindings', id: binding.command }));
    assert.ok(menuRefs.length > 0 && keyRefs.length > 0, 'the manifest has menus and keybindings');
    for (const { where, id } of [...menuRefs, ...keyRefs]) assert.ok(known.has(id), `${where} refers to ${id}, which has no command id`);
  });

  it('is the only place in src/ that spells a command id', () => {
    const root = repoRoot();
    // Quoted, as code spells it; a doc comment may name a command in backticks.
    const literal = new RegExp(`['"](${ids.map((id) => id.replace('.', '\\.')).join('|')})['"]`);
    const spelled = sourceFiles(join(root, 'src'))
      .filter((file) => !file.endsWith(join('commands', 'commandIds.ts')) && literal.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    assert.deepEqual(spelled, []);
  });
});
