// A full render's worker threads: each takes pieces (the site's own files, a window's permalinks and archive pages, a
// timeline's front page and feeds) from its end of the board they share (shared-jobs.ts) until the two meet, so both
// cores render and write at once while the main thread waits.
import { sealKeyData, sealKeyOf, type SealKeyData, type SiteSealKey } from '../site/private.ts';
import { isMainThread, parentPort, threadId, workerData } from 'node:worker_threads';
import { maskNames } from '../core/paths.ts';
import type { PageRenderer, SiteOptions } from '../render/pages.ts';
import type { SiteWriter } from '../site/writer.ts';
import { CardFile, type CardFiles } from './card-file.ts';
import type { RenderStore } from '../core/jobs.ts';
import { commitStep, Failures, type RenderFailure } from './failures.ts';
import { type Board, type PieceContext, pieceSize, renderPiece, take } from './shared-jobs.ts';
import type { FeedSigner } from '../mesh/identity.ts';
import type { TimelineKey } from '../core/model.ts';
import { MeshlineError } from '../core/errors.ts';
import { frontOptions } from './timeline-files.ts';
import { logger } from '../log.ts';
import type { Message, ToWorker } from './worker-start.ts';

const log = logger('render');

/** What the worker needs to render as the main thread would: plain data. */
export interface WorkerJob {
  dbPath: string;
  /** Whether the files it writes are queued for a publish target (RenderCommit.queuesPublish). */
  queuesPublish: boolean;
  site: SiteOptions;
  hasRooms: boolean;
  hasMesh: boolean;
  networks: string[];
  /** Timelines with sorted views: their front pages offer the switch. */
  sortable: TimelineKey[];
  /** The site key's file, when feeds are signed. */
  keyPath?: string;
  outDir: string;
  /** A private site's key, as plain data a worker can be handed. */
  seal?: SealKeyData;
  board: Board;
  /** Where the render's threads keep the cards they made. */
  cards: CardFiles;
  /** The end of the board it takes pieces from. */
  end: 'front' | 'back';
  /** The full render's generation, marked on every file produced. */
  gen: number;
  /** The manifest recorded no file when the render began: every file is new. */
  fresh: boolean;
  /** When the site began (an empty feed's date). */
  since: number;
}
/** What a worker did with the pieces it took; it records its files in the manifest as it goes. */
export interface SideResult {
  /** Numbers of the pieces it finished. */
  done: number[];
  /** How many files it produced (each marked in the manifest with the render's generation). */
  produced: number;
  written: number;
  failed: RenderFailure[];
  failedDirs: string[];
  /** Templates whose compiled code failed there (PageRenderer.fellBack). */
  fellBack: string[];
}

/** Takes pieces until none is left, recording files in the manifest every couple of thousand. */
async function drainBoard(
  store: RenderStore,
  pages: PageRenderer,
  writer: SiteWriter,
  board: Board,
  end: 'front' | 'back',
  front: PieceContext['front'],
  siteOwn: (failures: Failures) => Promise<void>,
  progress: (n: number) => void,
  /** Numbers of the pieces this thread finished. */
  mine: Set<number>,
): Promise<{ written: number; failed: RenderFailure[]; failedDirs: Set<string> }> {
  const failures = new Failures();
  const ctx = {
    reader: store.reader,
    pages,
    writer,
    failures,
    failedDirs: new Set<string>(),
    front,
    siteOwn: () => siteOwn(failures),
  };
  let written = 0;
  for (let got = take(board, end); got; got = take(board, end)) {
    await renderPiece(ctx, board, got.piece);
    mine.add(got.n);
    progress(pieceSize(got.piece));
    if (writer.written.length >= 2000) written += (await commitStep(store, writer, failures)).written;
  }
  written += (await commitStep(store, writer, failures)).written;
  return { written, failed: failures.list, failedDirs: ctx.failedDirs };
}

/** The worker's plain-data job for this site. */
export function workerJob(
  store: RenderStore,
  pages: PageRenderer,
  outDir: string,
  shared: Pick<WorkerJob, 'board' | 'cards' | 'end' | 'gen' | 'fresh'>,
  sortable: TimelineKey[],
  signer?: FeedSigner,
  seal?: SiteSealKey,
) {
  if (signer && !signer.keyPath) throw new MeshlineError('the feeds are signed with a key no other thread can read');
  return {
    ...shared,
    sortable,
    ...(signer?.keyPath ? { keyPath: signer.keyPath } : {}),
    since: pages.since,
    dbPath: store.location,
    queuesPublish: store.queuesPublish,
    site: pages.opts,
    hasRooms: pages.hasRooms,
    hasMesh: pages.hasMesh,
    networks: pages.networks,
    outDir,
    ...(seal ? { seal: sealKeyData(seal) } : {}),
  } satisfies WorkerJob;
}

// Imported here, not above: build.ts starts this module's workers, and the main thread needs none of these from it.
async function loadModules() {
  const [{ SqliteStore }, { PageRenderer }, { SiteWriter, noneKnown }, { SiteIdentity }, { SiteBuilder }] =
    await Promise.all([
      import('../store/index.ts'),
      import('../render/pages.ts'),
      import('../site/writer.ts'),
      import('../mesh/identity.ts'),
      import('./build.ts'),
    ]);
  return { SqliteStore, PageRenderer, SiteWriter, noneKnown, SiteIdentity, SiteBuilder };
}

async function workerMain(job: WorkerJob): Promise<SideResult> {
  const { SqliteStore, PageRenderer, SiteWriter, noneKnown, SiteIdentity, SiteBuilder } = await loadModules();
  SiteWriter.thread = threadId;
  // Its pages read each part of the database about once: half the usual cache (4 MB cost CPU time; 8 MB measured
  // none that these machines' noise shows, and a render's peak fell by 25 MB).
  const store = await SqliteStore.open(job.dbPath, job.site.title, undefined, 8);
  store.queuesPublish = job.queuesPublish;
  const shelf = new CardFile(job.cards, job.end === 'front' ? 0 : 1);
  // Closed before the result goes back: the render is over only when this connection is.
  try {
    await store.reader.refresh();
    const pages = new PageRenderer(job.site);
    pages.newRender(shelf);
    pages.hasRooms = job.hasRooms;
    pages.hasMesh = job.hasMesh;
    pages.networks = job.networks;
    pages.since = job.since;
    const key = job.seal && sealKeyOf(job.seal);
    // A worker has its own module state: the same masked addresses as the main thread.
    maskNames(key?.namesKey);
    const signer = job.keyPath ? SiteIdentity.read(job.keyPath) : undefined;
    const builder = new SiteBuilder(store, pages, job.outDir, signer, key);
    const sealer = builder.sealer;
    const lookup = job.fresh ? noneKnown : (paths: readonly string[]) => store.manifestHashes(paths);
    const writer = new SiteWriter(job.outDir, lookup, {
      batch: 64,
      verify: true,
      sealer,
      gen: job.gen,
      keepProduced: false,
      turn: job.board.turn,
    });
    const sortable = new Set(job.sortable);
    const front = frontOptions(store, signer, !!sealer, sortable);
    const siteOwn = (f: Failures) => builder.renderSiteOwn(writer, f, job.board.metas, sortable);
    const progress = (n: number) => parentPort!.postMessage({ kind: 'progress', done: n } satisfies Message);
    const mine = new Set<number>();
    const done = await drainBoard(store, pages, writer, job.board, job.end, front, siteOwn, progress, mine);
    return {
      ...done,
      produced: writer.producedTotal,
      failedDirs: [...done.failedDirs],
      done: [...mine],
      fellBack: [...pages.fellBack],
    };
  } finally {
    shelf.close();
    await store.close();
  }
}

/** A worker started ahead of its job (worker-start.ts) loads its code while the main thread prepares the job. */
export function serveJobs(): void {
  if (isMainThread || !(workerData as { waitsForJob?: boolean } | undefined)?.waitsForJob) return;
  const loading = loadModules();
  parentPort!.once('message', (m: ToWorker) => {
    loading
      .then(() => workerMain(m.job))
      .then(
        (result) => parentPort!.postMessage({ kind: 'done', result } satisfies Message),
        (err: unknown) => {
          log.error('render worker', err);
          const message = err instanceof Error ? err.message : String(err);
          parentPort!.postMessage({ kind: 'error', message } satisfies Message);
        },
      );
  });
}
