// `npm run bench`: runs every compiled benchmark (out/bench/*.bench.js) one after another;
// each prints one JSON line per figure. Non-zero exit if any benchmark fails.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = join('out', 'bench');
const benches = readdirSync(dir).filter((f) => f.endsWith('.bench.js')).sort();
let failed = 0;
for (const file of benches) {
  const result = spawnSync(process.execPath, [join(dir, file)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.error(`benchmark ${file} failed (exit ${result.status})`);
  }
}
process.exit(failed === 0 ? 0 : 1);
