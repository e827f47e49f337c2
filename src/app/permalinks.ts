// Permalinks are most of a site's files (one per post), and independent of everything else, so a full render
// hands them to a worker thread: the two cores render and write at once.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { permalinkPath } from '../core/paths';
import type { SiteReader } from '../core/views';
import type { PageRenderer, SiteOptions } from '../render/pages';
import type { SiteWriter, WrittenFile } from '../site/writer';

export interface PermalinkJob { dbPath: string; site: SiteOptions; hasRooms: boolean; outDir: string }
export interface PermalinkResult { produced: string[]; written: WrittenFile[] }
type Message = { kind: 'progress'; done: number } | { kind: 'done'; result: PermalinkResult } | { kind: 'error'; message: string };

/** Renders every post's permalink into the writer, 500 posts per query. */
export async function renderAllPermalinks(reader: SiteReader, pages: PageRenderer, writer: SiteWriter, progress?: (n: number) => void): Promise<void> {
  for (let after = 0, done = 0; ;) {
    const ids = await reader.postIdsAfter(after, 500);
    if (!ids.length) return;
    for (const post of await reader.posts(ids)) await writer.put(permalinkPath(post.id, post.slug), pages.permalink(post));
    after = ids[ids.length - 1]!;
    progress?.((done += ids.length));
  }
}

/** Runs renderAllPermalinks on a worker thread with its own database connection. */
export function renderPermalinksInWorker(job: PermalinkJob, progress: (n: number) => void): Promise<PermalinkResult> {
  const worker = new Worker(new URL('./permalinks-worker.mjs', import.meta.url), { workerData: job });
  return new Promise((resolve, reject) => {
    worker.on('message', (m: Message) => {
      if (m.kind === 'progress') progress(m.done);
      else if (m.kind === 'done') resolve(m.result);
      else reject(new Error(`rendering permalinks failed: ${m.message}`));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => { if (code !== 0) reject(new Error(`the permalink worker exited with ${code}`)); });
  });
}

async function workerMain(job: PermalinkJob): Promise<void> {
  const { SqliteStore } = await import('../store');
  const { PageRenderer } = await import('../render/pages');
  const { SiteWriter } = await import('../site/writer');
  const store = await SqliteStore.open(job.dbPath, job.site.title);
  try {
    await store.reader.refresh();
    const pages = new PageRenderer({ ...job.site, cacheLimit: 0 });
    pages.hasRooms = job.hasRooms;
    const hashes = await store.manifestUnder('posts/');
    const writer = new SiteWriter(job.outDir, async (paths) => new Map(paths.map((p) => [p, hashes.get(p) ?? ''])), { batch: 64, verify: true });
    await renderAllPermalinks(store.reader, pages, writer, (done) => parentPort!.postMessage({ kind: 'progress', done } satisfies Message));
    await writer.flush();
    parentPort!.postMessage({ kind: 'done', result: { produced: [...writer.produced], written: writer.written } } satisfies Message);
  } finally {
    await store.close();
  }
}

if (!isMainThread && (workerData as PermalinkJob | undefined)?.dbPath) {
  workerMain(workerData as PermalinkJob).catch((err: unknown) =>
    parentPort!.postMessage({ kind: 'error', message: err instanceof Error ? err.message : String(err) } satisfies Message));
}
