// panel.render_frame_p95: the Quorum panel's front end in headless Chromium (the harness page, built bundle,
// shipped CSP) while 3 columns stream 200 tokens/s each — realistic markdown with code fences, one
// message per token (the worst a host could do) — for 5 s after a 1 s warm-up. Target: p95 ≤ 16 ms.
//
// Frame time, measured in the page: from a frame's start (the rAF timestamp) to the first task after that
// frame's rendering — the main thread's work for the frame, the deltas handled meanwhile included. Headless
// Chromium draws at a fixed 60 Hz, so raw rAF intervals sit at ~16.7 ms whatever the load; they are reported
// too (`raf_interval_p95_ms`, `dropped_frames`: intervals over 1.5 frames). An idle second measured the same
// way, in the same page, is the baseline.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openWebviewHarness } from '../test/webview/harness';
import { ANSWERS, compareState, panelSnapshot, tokenize, waitingColumn } from '../test/webview/panelFixtures';
import { percentile, round } from './stats';

const COLUMNS = 3;
const TOKENS_PER_S = 200;
const WARMUP_MS = 1_000;
const MEASURE_MS = Number(process.env.BENCH_PANEL_MS ?? 5_000);
const IDLE_MS = 1_000;
const TARGET_P95_MS = 16;

// Page globals used by the in-page driver (the bench compiles without the DOM library).
declare const window: { postMessage(data: unknown, targetOrigin: string): void };
declare const document: { querySelectorAll(selector: string): ArrayLike<{ readonly textContent: string | null }> };
declare function requestAnimationFrame(callback: (time: number) => void): number;
// The browser's, not Node's (whose ports are event emitters).
declare class MessageChannel {
  readonly port1: { onmessage: (() => void) | null };
  readonly port2: { postMessage(message: unknown): void };
}

interface DriverArgs {
  readonly tokens: readonly (readonly string[])[];
  readonly tokensPerS: number;
  readonly warmupMs: number;
  readonly measureMs: number;
  readonly idleMs: number;
}

interface DriverResult {
  readonly frameMs: number[];
  readonly intervalMs: number[];
  readonly idleFrameMs: number[];
  readonly deltas: number;
  readonly textChars: number[];
}

/** Runs in the page: streams the deltas on a timer and times every frame meanwhile. */
async function drive(args: DriverArgs): Promise<DriverResult> {
  type Phase = 'warmup' | 'stream' | 'idle' | 'done';
  let phase: Phase = 'warmup';
  const frameMs: number[] = [];
  const intervalMs: number[] = [];
  const idleFrameMs: number[] = [];
  // One message per frame, posted from its rAF callback: it runs after that frame's style, layout and paint.
  const pending: { start: number; phase: Phase }[] = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const frame = pending.shift();
    if (frame === undefined) return;
    const busy = performance.now() - frame.start;
    if (frame.phase === 'stream') frameMs.push(busy);
    else if (frame.phase === 'idle') idleFrameMs.push(busy);
  };
  let last = -1;
  const onFrame = (time: number) => {
    if (last >= 0 && phase === 'stream') intervalMs.push(time - last);
    last = time;
    pending.push({ start: time, phase });
    channel.port2.postMessage(0);
    if (phase !== 'done') requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);

  const sent = args.tokens.map(() => 0);
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const elapsed = performance.now() - start;
      if (elapsed >= args.warmupMs + args.measureMs) return resolve();
      phase = elapsed < args.warmupMs ? 'warmup' : 'stream';
      const due = Math.floor((elapsed * args.tokensPerS) / 1000);
      args.tokens.forEach((list, column) => {
        for (; (sent[column] ?? 0) < due; sent[column] = (sent[column] ?? 0) + 1) {
          window.postMessage({ type: 'compare/delta', columnId: `c${column}`, text: list[(sent[column] ?? 0) % list.length] }, '*');
        }
      });
      setTimeout(tick, 4);
    };
    tick();
  });
  phase = 'idle';
  await new Promise((resolve) => setTimeout(resolve, args.idleMs));
  phase = 'done';
  await new Promise((resolve) => setTimeout(resolve, 50));
  const textChars = Array.from(document.querySelectorAll('.compare-column .column-text')).map((node) => node.textContent?.length ?? 0);
  return { frameMs, intervalMs, idleFrameMs, deltas: sent.reduce((a, b) => a + b, 0), textChars };
}

/**
 * `npm run bench` compiles the benches but does not bundle, and figures from a stale bundle would mislead:
 * when dist/webview/panel.js is missing or older than its sources, build it (`node esbuild.mjs`) first.
 */
function ensureFreshBundle(root: string): void {
  const newest = (dir: string): number => Math.max(0, ...readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts')).map((file) => statSync(join(dir, file)).mtimeMs));
  const sources = Math.max(newest(join(root, 'media', 'src')), newest(join(root, 'src', 'shared')), statSync(join(root, 'media', 'main.css')).mtimeMs);
  const built = (file: string) => statSync(join(root, 'dist', 'webview', file), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (Math.min(built('panel.js'), built('webview.css')) >= sources) return;
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`\`node esbuild.mjs\` failed: the panel bundle could not be built\n${build.stderr}`);
}

async function main(): Promise<void> {
  // Not the harness's `repoRoot()`: that one looks for dist/, which a fresh clone does not have yet.
  ensureFreshBundle(join(__dirname, '..', '..'));
  const harness = await openWebviewHarness({ view: 'panel' });
  try {
    const columns = Array.from({ length: COLUMNS }, (_, i) => ({ ...waitingColumn(i), status: 'streaming' as const }));
    await harness.send({ type: 'panel/snapshot', snapshot: panelSnapshot({ compare: compareState(columns) }) });
    await harness.frames(3);
    // Each column streams its own answer, again and again: its text grows past 5 KB with a dozen code fences.
    const tokens = columns.map((_, i) => tokenize(`${ANSWERS[i % ANSWERS.length] as string}\n`));
    const result = await harness.page.evaluate(drive, { tokens, tokensPerS: TOKENS_PER_S, warmupMs: WARMUP_MS, measureMs: MEASURE_MS, idleMs: IDLE_MS });
    if (harness.events.pageErrors.length > 0) throw new Error(`page errors: ${harness.events.pageErrors.join('; ')}`);
    if (result.textChars.some((chars) => chars < 1_000)) throw new Error(`the columns did not fill: ${result.textChars.join(', ')} characters`);
    const medianInterval = percentile(result.intervalMs, 50);
    console.log(JSON.stringify({
      name: 'panel.render_frame_p95',
      runs: result.frameMs.length,
      p50_ms: round(percentile(result.frameMs, 50), 2),
      p95_ms: round(percentile(result.frameMs, 95), 2),
      p99_ms: round(percentile(result.frameMs, 99), 2),
      max_ms: round(percentile(result.frameMs, 100), 2),
      target_p95_ms: TARGET_P95_MS,
      columns: COLUMNS,
      tokens_per_s: TOKENS_PER_S,
      duration_s: MEASURE_MS / 1000,
      deltas: result.deltas,
      text_chars_per_column: result.textChars,
      raf_interval_p95_ms: round(percentile(result.intervalMs, 95), 2),
      dropped_frames: result.intervalMs.filter((ms) => ms > 1.5 * medianInterval).length,
      baseline: 'idle page, same measurement',
      baseline_p95_ms: round(percentile(result.idleFrameMs, 95), 2),
    }));
  } finally {
    await harness.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
