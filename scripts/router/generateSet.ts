/**
 * Writes the editor-style labelled set into data/router/ as separate batches: `train-NN.jsonl` from the
 * training templates, `heldout-NN.jsonl` from the held-out templates only. Seeded, so rerunning rewrites the
 * same files. Run: `npx tsc -p . && node out/scripts/router/generateSet.js`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng, type Rng } from './rng';
import { FILES } from './materials';
import { TEMPLATES, type Template } from './templates';
import { MORE_TEMPLATES } from './templatesMore';

const POLITE_OPEN = ['hey, could you please ', 'Hi! Sorry to bother you, but ', 'hello there, I was wondering if you could help: ', 'Good morning :) ', 'pls ', 'Would you mind helping me with something? '];
const POLITE_CLOSE = [' thanks so much!', ' Thank you in advance, really appreciate it.', ' cheers', ' ty!!', ' Thanks!'];
const HELD_OPEN = ['yo ', 'Quick favour — ', 'When you get a sec: ', 'ok so ', 'Hiya, '];
const HELD_CLOSE = [' thx', ' much appreciated', ' (no rush)', ' 🙏'];

function typo(text: string, rng: Rng): string {
  const words = text.split(' ');
  for (let k = 0; k < 2; k++) {
    const i = rng.int(words.length);
    const w = words[i] ?? '';
    if (w.length < 4 || /[^a-z]/i.test(w)) continue;
    const j = 1 + rng.int(w.length - 2);
    words[i] = w.slice(0, j - 1) + w[j] + w[j - 1] + w.slice(j + 1);
  }
  return words.join(' ');
}

function decorate(text: string, rng: Rng, held: boolean): string {
  let out = text;
  if (rng.chance(0.2)) out = (held ? rng.pick(HELD_OPEN) : rng.pick(POLITE_OPEN)) + out;
  if (rng.chance(0.15)) out += held ? rng.pick(HELD_CLOSE) : rng.pick(POLITE_CLOSE);
  if (rng.chance(0.15)) out = typo(out, rng);
  if (rng.chance(0.1)) out += ` (see #file:${rng.pick(FILES)})`;
  if (rng.chance(0.15)) out = out.toLowerCase();
  return out;
}

interface Row { readonly id: string; readonly prompt: string; readonly task: string; readonly tier: string }

function batch(name: string, count: number, pool: readonly Template[], rng: Rng, seen: Set<string>): Row[] {
  const rows: Row[] = [];
  let attempts = 0;
  while (rows.length < count && attempts++ < count * 50) {
    const template = rng.pick(pool);
    const prompt = decorate(template.make(rng), rng, template.held);
    if (seen.has(prompt)) continue;
    seen.add(prompt);
    rows.push({ id: `${name}-${String(rows.length).padStart(3, '0')}`, prompt, task: template.task, tier: template.tier });
  }
  return rows;
}

function main(): void {
  const dir = join(process.cwd(), 'data', 'router');
  mkdirSync(dir, { recursive: true });
  const seen = new Set<string>();
  const plan: [string, number, boolean][] = [
    ...Array.from({ length: 10 }, (_, i): [string, number, boolean] => [`train-${String(i + 1).padStart(2, '0')}`, 165, false]),
    ['heldout-01', 200, true],
    ['heldout-02', 200, true],
  ];
  plan.forEach(([name, count, held], index) => {
    const rng = createRng(20261205 + index);
    const pool = [...TEMPLATES, ...MORE_TEMPLATES].filter((template) => template.held === held);
    const rows = batch(name, count, pool, rng, seen);
    writeFileSync(join(dir, `${name}.jsonl`), rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
    console.log(`${name}: ${rows.length}`);
  });
}

main();
