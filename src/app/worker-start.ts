// Starting a full render's worker threads, before the job is known: each loads its code meanwhile. Apart from
// render-worker.ts (what the threads run) so that the command can start them before it loads anything else.
import { Worker } from 'node:worker_threads';
import type { SideResult, WorkerJob } from './render-worker.ts';

export type ToWorker = { kind: 'job'; job: WorkerJob };
export type Message =
  | { kind: 'progress'; done: number }
  | { kind: 'done'; result: SideResult }
  | { kind: 'error'; message: string };

/** Workers started ahead by `startEarly`, for the next `startWorker` calls; each stopped if none comes in time. */
const ready: { started: StartedWorker; idle: NodeJS.Timeout }[] = [];

/**
 * Starts `n` workers now: `render --full` does before loading its config and database, so the workers' code loads
 * while the command's own does (a quarter of a second of every full render). A worker not taken within `ms` is
 * stopped, and none keeps the process alive.
 */
export function startEarly(n: number, ms = 30_000): void {
  for (let i = 0; i < n; i++) {
    const started = spawn();
    const idle = setTimeout(() => {
      const at = ready.findIndex((w) => w.started === started);
      if (at >= 0) ready.splice(at, 1);
      started.stop();
    }, ms);
    idle.unref();
    ready.push({ started, idle });
  }
}

/**
 * A render worker started before its job is known: it loads its code while the main thread reads what the job needs
 * (a few hundred milliseconds of every full render, most of a small site's). `run` hands it the job; `stop` ends one
 * never given a job.
 */
export interface StartedWorker {
  run(job: WorkerJob, progress: (n: number) => void): Promise<SideResult>;
  stop(): void;
}

export function startWorker(): StartedWorker {
  const warm = ready.shift();
  if (warm) {
    clearTimeout(warm.idle);
    return warm.started;
  }
  return spawn();
}

function spawn(): StartedWorker {
  // Its young generation is capped (16 MB): an uncapped one grows to 48 MB per thread and adds ~40 MB to a full
  // render's peak. The old generation is capped only against a runaway: what it keeps between pieces is bounded (cards
  // in src/render/cards.ts, the formatter's caches), and a tight cap costs dearly. Measured at 100,000 posts, user CPU
  // and wall time of a full render: 64 MB 80-96 s / 47-54 s; 128 MB 57 s / 34 s; 256 MB 55 s / 32 s; 1 GB 49-54 s /
  // 30-32 s; the peak the same within noise (340-360 MB).
  // Bundled, render-worker.cjs beside the bundle loads it as the command did (scripts/load.cjs); compiled module by
  // module, render-worker-main.js beside this file; from the TypeScript sources a shim registers tsx first.
  const here = import.meta.url;
  const entry = new URL(
    here.endsWith('.ts')
      ? './render-worker.mjs'
      : here.endsWith('.cjs')
        ? './render-worker.cjs'
        : './render-worker-main.js',
    here,
  );
  const worker = new Worker(entry, {
    workerData: { waitsForJob: true },
    resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 },
  });
  // Waiting for a job, it keeps no process alive (one started early for a command that then fails).
  worker.unref();
  let progress = (_n: number) => {};
  const result = new Promise<SideResult>((resolve, reject) => {
    worker.on('message', (m: Message) => {
      if (m.kind === 'progress') progress(m.done);
      else if (m.kind === 'done') resolve(m.result);
      else reject(new Error(`the render worker failed: ${m.message}`));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the render worker exited with ${code}`));
      else reject(new Error('the render worker ended without a result'));
    });
  });
  // A worker stopped before its job, or one that failed before it was given one, is no unhandled rejection.
  result.catch(() => undefined);
  return {
    run: (job, onProgress) => {
      progress = onProgress;
      worker.ref();
      worker.postMessage({ kind: 'job', job } satisfies ToWorker);
      return result;
    },
    stop: () => void worker.terminate(),
  };
}
