// Permalinks are most of a site's files (one per post), and independent of everything else, so a full render
// hands them to a worker thread: the two cores render and write at once.
import { sealerFor, sealKeyData, sealKeyOf, type SealKeyData, type Sealer, type SiteSealKey } from '../site/private.ts';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { maskNames, permalinkPath } from '../core/paths.ts';
import type { SiteReader } from '../core/views.ts';
import type { PageRenderer, SiteOptions } from '../render/pages.ts';
import type { SiteWriter } from '../site/writer.ts';
import type { RenderStore } from '../core/jobs.ts';
import { PERMALINK_DIR } from '../core/paths.ts';
import { commitStep, Failures, type RenderFailure } from './failures.ts';
import { logger } from '../log.ts';

const log = logger('render');

export interface PermalinkJob {
  dbPath: string;
  site: SiteOptions;
  hasRooms: boolean;
  outDir: string;
  /** A private site's key, as plain data a worker can be handed. */
  seal?: SealKeyData;
}
/** What the permalink pass did; it records its own files in the manifest as it goes. */
export interface PermalinkResult {
  produced: number;
  written: number;
  removed: number;
  failed: RenderFailure[];
}
type Message =
  | { kind: 'progress'; done: number }
  | { kind: 'done'; result: PermalinkResult }
  | { kind: 'error'; message: string };

/** Renders every post's permalink into the writer, 500 posts per query. */
async function renderAllPermalinks(
  reader: SiteReader,
  pages: PageRenderer,
  writer: SiteWriter,
  failures: Failures,
  progress: (n: number) => Promise<void>,
): Promise<void> {
  for (let after = 0, done = 0; ; ) {
    const ids = await reader.postIdsAfter(after, 500);
    if (!ids.length) return;
    for (const post of await reader.posts(ids, { conversation: true })) {
      const path = permalinkPath(post.id, post.slug);
      await failures.guard(path, () => writer.put(path, pages.permalink(post)));
    }
    after = ids[ids.length - 1]!;
    await progress((done += ids.length));
  }
}

/** Runs renderAllPermalinks on a worker thread with its own database connection. */
export function renderPermalinksInWorker(job: PermalinkJob, progress: (n: number) => void): Promise<PermalinkResult> {
  // Its heap is capped: it keeps nothing between posts, so a small old generation only means earlier collection.
  // Compiled, this file is the worker's entry; from the TypeScript sources a shim registers tsx first.
  const entry = import.meta.url.endsWith('.ts') ? new URL('./permalinks-worker.mjs', import.meta.url) : import.meta.url;
  const worker = new Worker(new URL(entry), {
    workerData: job,
    resourceLimits: { maxOldGenerationSizeMb: 128 },
  });
  return new Promise((resolve, reject) => {
    worker.on('message', (m: Message) => {
      if (m.kind === 'progress') progress(m.done);
      else if (m.kind === 'done') resolve(m.result);
      else reject(new Error(`rendering permalinks failed: ${m.message}`));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the permalink worker exited with ${code}`));
    });
  });
}

/**
 * Every permalink, recorded in the manifest every few thousand files (so a killed render keeps what it wrote),
 * and permalinks of posts that no longer exist removed.
 */
export async function renderPermalinkPass(
  store: RenderStore,
  pages: PageRenderer,
  outDir: string,
  progress?: (n: number) => void,
  sealer?: Sealer,
): Promise<PermalinkResult> {
  const { SiteWriter, lookupIn } = await import('../site/writer.ts');
  const known = await store.manifestUnder(PERMALINK_DIR);
  const writer = new SiteWriter(outDir, lookupIn(known), {
    batch: 64,
    verify: true,
    sealer,
  });
  const failures = new Failures();
  const result: PermalinkResult = { produced: 0, written: 0, removed: 0, failed: failures.list };
  const commit = async () => {
    const step = await commitStep(store, writer, failures);
    result.written += step.written;
    result.removed += step.removed;
  };
  await renderAllPermalinks(store.reader, pages, writer, failures, async (n) => {
    progress?.(n);
    if (writer.written.length >= 2000) await commit();
  });
  for (const path of known.keys()) if (!writer.produced.has(path)) await writer.remove(path);
  await commit();
  result.produced = writer.produced.size;
  return result;
}

/** Permalinks on a worker thread; on the main thread if no worker can be started. */
export async function renderPermalinksAnywhere(
  store: RenderStore,
  pages: PageRenderer,
  outDir: string,
  progress: (n: number) => void,
  sealKey?: SiteSealKey,
  sealer?: Sealer,
): Promise<PermalinkResult> {
  const job: PermalinkJob = {
    dbPath: store.location,
    site: pages.opts,
    hasRooms: pages.hasRooms,
    outDir,
    ...(sealKey ? { seal: sealKeyData(sealKey) } : {}),
  };
  try {
    return await renderPermalinksInWorker(job, progress);
  } catch (err) {
    log.warn('rendering permalinks on the main thread', err);
    return renderPermalinkPass(store, pages, outDir, progress, sealer);
  }
}

async function workerMain(job: PermalinkJob): Promise<void> {
  const { SqliteStore } = await import('../store/index.ts');
  const { PageRenderer } = await import('../render/pages.ts');
  const store = await SqliteStore.open(job.dbPath, job.site.title);
  try {
    await store.reader.refresh();
    const pages = new PageRenderer({ ...job.site, cacheLimit: 0 });
    pages.hasRooms = job.hasRooms;
    const key = job.seal && sealKeyOf(job.seal);
    pages.hasSearch = !key;
    // A worker has its own module state: the same masked addresses as the main thread.
    maskNames(key?.namesKey);
    const sealer = key && sealerFor(key, pages.shellAssets);
    const result = await renderPermalinkPass(
      store,
      pages,
      job.outDir,
      (done) => parentPort!.postMessage({ kind: 'progress', done } satisfies Message),
      sealer,
    );
    parentPort!.postMessage({ kind: 'done', result } satisfies Message);
  } finally {
    await store.close();
  }
}

if (!isMainThread && (workerData as PermalinkJob | undefined)?.dbPath) {
  workerMain(workerData as PermalinkJob).catch((err: unknown) =>
    parentPort!.postMessage({
      kind: 'error',
      message: err instanceof Error ? err.message : String(err),
    } satisfies Message),
  );
}
