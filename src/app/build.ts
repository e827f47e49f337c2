// Turns queued render targets (or everything) into files: store → render → site writer → manifest.
import type { RenderTarget, TimelineKey } from '../core/model.ts';
import type { TimelineMeta } from '../core/views.ts';
import { archivePagePath, permalinkPath, permalinkPrefix, MEDIA_DIR, mediaPrefix, INBOX_DIR } from '../core/paths.ts';
import { renderInbox } from './inbox-files.ts';
import { renderSorted } from './sorted.ts';
import { renderSearchAll, renderSearchTargets } from './search-files.ts';
import { renderRedirects } from './redirects.ts';
import { sealerFor, type Sealer, type SiteSealKey } from '../site/private.ts';
import {
  renderAllSitemaps,
  renderFixedFiles,
  renderListings,
  renderSitemapChunks,
  type SiteFilesContext,
} from './site-files.ts';
import { frontOptions } from './timeline-files.ts';
import { type HeadContext, renderArchive, renderHeads } from './head-files.ts';
import { renderAllThreads, renderThreads } from './thread-files.ts';
import { renderIndex } from './indexes.ts';
import type { RenderStore } from '../core/jobs.ts';
import type { PageRenderer } from '../render/pages.ts';
import { isTimelineFile, pageCount } from '../render/plan.ts';
import { SiteWriter, noneKnown, pruneEmptyTree } from '../site/writer.ts';
import { type SideResult, type WorkerJob, workerJob } from './render-worker.ts';
import { type StartedWorker, startWorker } from './worker-start.ts';
import { makeBoard, pieceSize, removeUnproduced, renderPiece } from './shared-jobs.ts';
import { CardFile, cardsNear, makeCardFiles, removeCardFiles } from './card-file.ts';
import { logger } from '../log.ts';
import type { FeedSigner } from '../mesh/identity.ts';
import { commitStep, Failures, type RenderFailure } from './failures.ts';
import { backoffDelay } from '../core/retry.ts';
import { SITEMAP_CHUNK } from '../core/targets.ts';
import { stopwatch } from '../core/stopwatch.ts';

const log = logger('render');

export interface RenderSummary {
  targets: number;
  files: number;
  written: number;
  removed: number;
  ms: number;
  /** What could not be rendered or written, with why; everything else was. */
  failed: RenderFailure[];
  /** A full render's worker threads that did their share (one that failed left it to the command's thread). */
  workers?: number;
}
export type Progress = (done: number, total: number) => void;

export class SiteBuilder {
  constructor(
    private readonly store: RenderStore,
    private readonly pages: PageRenderer,
    private readonly outDir: string,
    private readonly signer?: FeedSigner,
    /** A private site's key (src/site/private.ts): every file written is sealed with it but a few. */
    private readonly sealKey?: SiteSealKey,
  ) {
    this.sealer = sealKey && sealerFor(sealKey, pages.shellAssets);
    // A private site's index would be sealed, and a reader's browser could not search it.
    pages.hasSearch = !sealKey;
  }

  readonly sealer: Sealer | undefined;
  /** Worker threads of a full render (with none, this thread renders it all: what it does when they fail). */
  threads = 2;
  /** A full render's workers, started before its job is ready. */
  private warm: StartedWorker[] = [];
  /** Timelines with sorted views, as of this render (their front pages offer the switch). */
  private sortable = new Set<TimelineKey>();

  private get reader() {
    return this.store.reader;
  }
  private get pageSize() {
    return this.pages.opts.pageSize;
  }

  /** Renders what the outbox asks for. Cheap when little changed: work follows the change, not the site. */
  async renderPending(opts: { retryNow?: boolean } = {}): Promise<RenderSummary> {
    const elapsed = stopwatch();
    const failures = new Failures();
    const sum: RenderSummary = { targets: 0, files: 0, written: 0, removed: 0, ms: 0, failed: failures.list };
    for (;;) {
      // Targets that failed wait for their time, unless asked to try now (the operator ran `render` again).
      const items = await this.store.peekRenders(
        2000,
        opts.retryNow && sum.targets === 0 ? Number.MAX_SAFE_INTEGER : Date.now(),
      );
      if (!items.length) break;
      this.pages.newRender();
      await this.reader.refresh();
      this.pages.hasRooms = (await this.reader.rooms()).length > 0;
      this.pages.networks = await this.reader.networks();
      this.pages.hasMesh = (await this.reader.timeline('mesh')) !== undefined;
      this.sortable = await this.reader.sortable();
      const writer = new SiteWriter(this.outDir, (paths) => this.store.manifestHashes(paths), { sealer: this.sealer });
      const failedBefore = failures.list.length;
      await this.renderTargets(
        items.map((i) => i.payload),
        writer,
        failures,
      );
      // What failed is not known target by target: the batch renders again later (unchanged files are skipped).
      const failedHere = () => failures.list.length > failedBefore;
      const step = await commitStep(this.store, writer, failures, () => (failedHere() ? [] : items));
      const failed = failedHere();
      if (failed) {
        const attempts = Math.max(...items.map((i) => i.attempts)) + 1;
        await this.store.postponeRenders(
          items,
          Date.now() + backoffDelay(attempts, { initialMs: 60_000, maxMs: 3_600_000 }),
        );
      }
      sum.targets += items.length;
      sum.files += writer.produced.size;
      sum.written += step.written;
      sum.removed += step.removed;
    }
    sum.ms = elapsed();
    return sum;
  }

  /** Renders every page and feed, and removes files the site no longer has. */
  async renderFull(progress?: Progress): Promise<RenderSummary> {
    const elapsed = stopwatch();
    // The workers load their code meanwhile (most of a small site's start); one not handed a job is stopped.
    this.warm = (['front', 'back'] as const).slice(0, this.threads).map(() => startWorker());
    try {
      return await this.renderFullWith(elapsed, progress);
    } finally {
      for (const w of this.warm.splice(0)) w.stop();
    }
  }

  private async renderFullWith(elapsed: () => number, progress?: Progress): Promise<RenderSummary> {
    const snapshot = await this.store.snapshotRenders();
    this.pages.newRender();
    await this.reader.refresh();
    this.pages.hasRooms = (await this.reader.rooms()).length > 0;
    this.pages.networks = await this.reader.networks();
    this.pages.hasMesh = (await this.reader.timeline('mesh')) !== undefined;
    this.sortable = await this.reader.sortable();
    const gen = await this.store.nextGeneration();
    const fresh = await this.store.manifestEmpty();
    const lookup = fresh ? noneKnown : (paths: readonly string[]) => this.store.manifestHashes(paths);
    const writer = new SiteWriter(this.outDir, lookup, {
      batch: 16,
      verify: true,
      sealer: this.sealer,
      gen,
    });
    return this.renderEverything(writer, { gen, fresh }, elapsed, snapshot, progress);
  }

  private async renderEverything(
    writer: SiteWriter,
    { gen, fresh }: Pick<WorkerJob, 'gen' | 'fresh'>,
    elapsed: () => number,
    queued: number,
    progress?: Progress,
  ): Promise<RenderSummary> {
    const failures = new Failures();
    let removedTotal = 0;
    const commit = async () => {
      const step = await commitStep(this.store, writer, failures);
      removedTotal += step.removed;
      return step.written;
    };
    const metas = await this.reader.allTimelines();
    const newest = await this.reader.pageNewest(this.pageSize);
    const lastId = await this.reader.lastPostId();
    const board = makeBoard(lastId, metas, this.pageSize, newest);
    const cards = makeCardFiles(cardsNear(this.store.location), lastId);
    const failedDirs = new Set<string>();
    let results: SideResult[];
    try {
      results = await this.renderBoard(writer, failures, failedDirs, { board, cards, gen, fresh }, progress);
    } finally {
      removeCardFiles(cards);
    }
    let changed = await commit();
    // What this render did not produce goes, found by the manifest's mark. Mirrored attachments are the media job's,
    // removed with their post. A timeline that failed keeps the files it had: better last night's page than none;
    // so does a file the disk refused, tried again next time.
    const refused = new Set(failures.list.map((f) => f.what));
    const failedList = [...failedDirs];
    const keep = (path: string) =>
      path.startsWith(MEDIA_DIR) || refused.has(path) || failedList.some((dir) => isTimelineFile(dir, path));
    changed += await removeUnproduced(this.store, writer, gen, keep, commit);
    const last = await commitStep(this.store, writer, failures);
    await this.store.retireSnapshot();
    pruneEmptyTree(this.outDir);
    const ms = elapsed();
    return {
      targets: queued,
      files: writer.producedTotal + results.reduce((n, r) => n + r.produced, 0),
      written: changed + results.reduce((n, r) => n + r.written, 0) + last.written,
      removed: removedTotal + last.removed,
      ms,
      failed: failures.list,
      workers: results.length,
    };
  }

  /** The board's pieces, by the workers and then here what they did not finish; what the workers did. */
  private async renderBoard(
    writer: SiteWriter,
    failures: Failures,
    failedDirs: Set<string>,
    shared: Pick<WorkerJob, 'board' | 'cards' | 'gen' | 'fresh'>,
    progress?: Progress,
  ): Promise<SideResult[]> {
    const { board, cards } = shared;
    const total = board.pieces.reduce((n, p) => n + pieceSize(p), 0);
    let done = 0;
    const tick = (n: number) => progress?.((done += n), total);
    // Two workers take the pieces from either end, the site's own files first. Their heaps are capped
    // (src/app/render-worker.ts), so the render's memory does not grow with the site.
    const sortable = [...this.sortable];
    const start = (end: 'front' | 'back') =>
      (this.warm.shift() ?? startWorker())
        .run(
          workerJob(this.store, this.pages, this.outDir, { ...shared, end }, sortable, this.signer, this.sealKey),
          tick,
        )
        .catch((err: unknown) => {
          log.warn('a render worker failed: this thread does its share', err);
          return undefined;
        });
    // This thread only waits: its young generation stays small (rendering here grew the peak by ~45 MB).
    const ends = (['front', 'back'] as const).slice(0, this.threads);
    const results = (await Promise.all(ends.map(start))).filter((r) => r !== undefined);
    // What no worker finished (one failed, or none could start) is done here, from the front.
    const finished = new Set(results.flatMap((r) => r.done));
    const ctx = {
      reader: this.reader,
      pages: this.pages,
      writer,
      failures,
      failedDirs,
      front: this.frontContext(),
      siteOwn: () => this.renderSiteOwn(writer, failures, board.metas, this.sortable),
    };
    const shelf = new CardFile(cards, 2);
    this.pages.newRender(shelf);
    try {
      for (let n = 0; n < board.pieces.length; n++)
        if (!finished.has(n)) await renderPiece(ctx, board, board.pieces[n]!);
    } finally {
      shelf.close();
      this.pages.newRender();
    }
    for (const r of results) {
      for (const f of r.failed) failures.list.push(f);
      for (const dir of r.failedDirs) failedDirs.add(dir);
      for (const name of r.fellBack) this.pages.fellBack.add(name);
    }
    return results;
  }

  /**
   * The site's own files: assets, 404, sitemaps, threads, the lists, redirects, the inbox, the search index and sorted
   * views. A full render's first piece (src/app/shared-jobs.ts), so a worker thread does it.
   */
  async renderSiteOwn(
    writer: SiteWriter,
    failures: Failures,
    metas: readonly TimelineMeta[],
    sortable: ReadonlySet<TimelineKey>,
  ): Promise<void> {
    await writer.put(this.pages.css.path, this.pages.css.content);
    if (this.sealer) await writer.put(this.pages.unlock.path, this.pages.unlock.content);
    const files = this.siteFiles(writer);
    await failures.guard('site files', () => renderFixedFiles(files));
    await failures.guard('sitemaps/', () => renderAllSitemaps(files));
    await failures.guard('threads/', () => renderAllThreads({ writer, pages: this.pages, store: this.store }));
    await this.renderIndexes(writer, ['people', 'tags', 'rooms'], failures);
    await failures.guard('redirects', () => renderRedirects(this.reader, this.pages, writer));
    await failures.guard(INBOX_DIR, () => renderInbox(writer, this.reader, this.store, this.signer));
    if (this.pages.hasSearch) await failures.guard('search/', () => renderSearchAll(this.store, this.pages, writer));
    for (const meta of metas) {
      if (!sortable.has(meta.key)) continue;
      await failures.guard(`timeline ${meta.dir || '(home)'}`, () => this.sorted(meta, meta.dir, writer));
    }
  }

  /** What a front page and its feeds need besides the pages and the reader. */
  private frontContext() {
    return frontOptions(this.store, this.signer, !!this.sealer, this.sortable);
  }

  private head(): HeadContext {
    return { ...this.frontContext(), pages: this.pages, reader: this.reader, store: this.store };
  }

  private async renderTargets(targets: readonly RenderTarget[], writer: SiteWriter, failures: Failures): Promise<void> {
    // The search index's shards go on beside the rest: they are mostly SQLite's work, on its own thread. Waited for
    // however the rest ends, so none of their files is written after the batch is given up.
    const search = this.pages.hasSearch
      ? renderSearchTargets(targets, this.store, this.pages, writer, failures)
      : Promise.resolve();
    try {
      await this.renderOthers(targets, writer, failures);
    } finally {
      await search;
    }
  }

  private async renderOthers(targets: readonly RenderTarget[], writer: SiteWriter, failures: Failures): Promise<void> {
    const heads = new Map<TimelineKey, TimelineMeta | undefined>();
    const meta = async (key: TimelineKey) => {
      if (!heads.has(key)) heads.set(key, await this.reader.timeline(key));
      return heads.get(key);
    };
    const postIds = targets.flatMap((t) => (t.kind === 'post' ? [t.id] : []));
    const found = new Set<number>();
    for (const post of await this.reader.posts(postIds, { conversation: true })) {
      found.add(post.id);
      const path = permalinkPath(post.id, post.slug);
      await failures.guard(path, () => writer.put(path, this.pages.permalink(post)));
    }
    for (const id of postIds) {
      if (found.has(id)) continue;
      await this.removeUnder(permalinkPrefix(id), writer);
      await this.removeUnder(mediaPrefix(id), writer);
    }
    // A post gone (deleted, forgotten, hidden) leaves its sitemap at once; new and edited ones' wait for their batch.
    const chunks = [
      ...targets.flatMap((t) => (t.kind === 'sitemap' ? [t.chunk] : [])),
      ...postIds.filter((id) => !found.has(id)).map((id) => Math.floor(id / SITEMAP_CHUNK)),
    ];
    await failures.guard('sitemaps/', () => renderSitemapChunks(this.siteFiles(writer), chunks));
    const roots = targets.flatMap((t) => (t.kind === 'thread' ? [t.root] : []));
    await failures.guard('threads/', () => renderThreads({ writer, pages: this.pages, store: this.store }, roots));
    const touched = targets.flatMap((t) => (t.kind === 'head' ? [t.timeline] : []));
    const { done: headDone, peopleChanged } = await renderHeads(this.head(), touched, meta, writer, failures);
    for (const t of targets) {
      if (t.kind !== 'page' || headDone.has(`${t.timeline}#${t.page}`)) continue;
      const m = await meta(t.timeline);
      if (!m || t.page > pageCount(m.lastSeq, this.pageSize)) continue;
      await failures.guard(archivePagePath(m.dir, t.page), () => renderArchive(this.head(), m, t.page, writer));
    }
    const indexes = [
      ...new Set([
        ...targets.flatMap((t) => (t.kind === 'index' ? [t.which] : [])),
        ...(peopleChanged ? (['people'] as const) : []),
      ]),
    ];
    await this.renderIndexes(writer, indexes, failures);
    for (const t of targets) {
      if (t.kind !== 'redirect') continue;
      await failures.guard(`redirect ${t.handle}`, () => renderRedirects(this.reader, this.pages, writer, t.handle));
    }
    for (const t of targets) if (t.kind === 'gone') await this.removeUnder(t.prefix, writer);
    for (const t of targets) {
      if (t.kind !== 'sorted') continue;
      const m = await meta(t.timeline);
      const dir = m?.dir ?? this.reader.dirOf(t.timeline);
      if (dir !== undefined) await failures.guard(`${dir}(sorted)`, () => this.sorted(m, dir, writer));
    }
    if (targets.some((t) => t.kind === 'inbox'))
      await failures.guard(INBOX_DIR, () => renderInbox(writer, this.reader, this.store, this.signer));
  }

  private sorted(meta: TimelineMeta | undefined, dir: string, writer: SiteWriter): Promise<void> {
    return renderSorted(meta, dir, this.store, this.pages, writer, this.pages.opts.sortPages ?? 5);
  }

  private async renderIndexes(
    writer: SiteWriter,
    which: readonly ('people' | 'tags' | 'rooms')[],
    failures: Failures,
  ): Promise<void> {
    const ctx = { ...this.siteFiles(writer), signer: this.signer };
    for (const w of which) await failures.guard(`${w}/index.html`, () => renderIndex(ctx, w));
    if (which.length) await failures.guard('sitemaps/pages.xml', () => renderListings(ctx));
  }

  private siteFiles(writer: SiteWriter): SiteFilesContext {
    return { writer, pages: this.pages, reader: this.reader, store: this.store, sealed: !!this.sealer };
  }

  private async removeUnder(prefix: string, writer: SiteWriter): Promise<void> {
    for (const path of await this.store.manifestPathsUnder(prefix)) await writer.remove(path);
  }
}
