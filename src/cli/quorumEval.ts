import { runCli } from './evalCli';

// The `quorum-eval` bundle's entry (dist/quorum-eval.js): Ctrl-C cancels the run (the calls in flight stop).
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
void runCli(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  cwd: process.cwd(),
  signal: controller.signal,
}).then((code) => {
  process.exitCode = code;
});
