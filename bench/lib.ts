// What the benchmarks share: the corpus file, a site folder's config, timing with peak memory (in process or of a
// child process), medians. Figures are printed, never asserted.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../src/config/index.ts';
import { corpus } from './corpus.ts';

export const BIN = resolve(import.meta.dirname ?? '.', '..', 'bin', 'meshline.js');

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
export const loadLine = () =>
  `load average: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`;

/** Runs fn while sampling resident memory; returns its result, wall time and peak RSS. */
export async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; peak: number }> {
  global.gc?.();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { value, ms, peak };
}

/** The synthetic corpus as an import file; returns how many events it holds. */
export async function writeCorpus(file: string, posts: number): Promise<number> {
  const out = createWriteStream(file);
  let n = 0;
  for (const ev of corpus({ posts, people: 500, rooms: 12, seed: 1 })) {
    if (!out.write(JSON.stringify(ev) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
    n++;
  }
  await new Promise<void>((r) => out.end(() => r()));
  return n;
}

/** A new site folder with its config (output and store inside it, no preview); returns its parsed config. */
export async function siteFolder(dir: string) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'meshline.yaml'),
    `site:\n  outputDir: ${join(dir, 'output')}\n` +
      `store:\n  path: ${join(dir, 'meshline.db')}\n` +
      `preview:\n  enabled: false\n`,
  );
  return (await loadConfig(join(dir, 'meshline.yaml'), {})).config;
}

/** Runs a program in `dir`, sampling its resident memory from /proc; rejects when it fails. */
export function runProcess(
  dir: string,
  cmd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ ms: number; peak: number; out: string }> {
  const t0 = performance.now();
  const child = spawn(cmd, args, { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  let out = '';
  let peak = 0;
  child.stdout.on('data', (b) => (out += b));
  const timer = setInterval(() => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
      peak = Math.max(peak, kb * 1024);
    } catch {
      /* gone */
    }
  }, 20);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`));
      else resolve({ ms: performance.now() - t0, peak, out });
    });
  });
}

/** Runs the meshline command in `dir`. */
export const runCli = (dir: string, args: string[]) => runProcess(dir, process.execPath, [BIN, '--quiet', ...args]);
