// A full render, in pieces either thread can take. A piece is a window of the site's history: the permalinks of
// WINDOW posts and every archive page whose newest post is among them, so a post's card (pages.ts) is rendered once
// and found again for the other pages it is on. One worker takes the site's own files (search index, sitemaps, lists)
// and then windows from the oldest, the other from the other end (the timelines' fronts and feeds, then the newest
// windows), each walking history in order; they meet.
import { archivePagePath, permalinkPath } from '../core/paths.ts';
import type { TimelineKey } from '../core/model.ts';
import type { PostView, SiteReader, TimelineMeta } from '../core/views.ts';
import type { PageRenderer } from '../render/pages.ts';
import { newTurn, type SiteWriter, type Turn } from '../site/writer.ts';
import type { Failures } from './failures.ts';
import type { RenderStore } from '../core/jobs.ts';
import { frontReach, writeFrontAndFeeds, type FrontContext } from './timeline-files.ts';

/** Post ids a window spans; archive pages read per query. */
export const WINDOW = 2000;
const PAGES_PER_READ = 20;

/** Pages first..last of the timeline numbered `t` in the board's list. */
interface Run {
  t: number;
  first: number;
  last: number;
}
export type Piece =
  | { kind: 'window'; after: number; upTo: number; runs: Run[] }
  | { kind: 'pages'; runs: Run[] }
  | { kind: 'front'; t: number }
  | { kind: 'site' };

/** The pieces, who has claimed which, and the two ends: plain data a worker can be handed. */
export interface Board {
  metas: TimelineMeta[];
  pieces: Piece[];
  /** 1 once a thread has claimed the piece. */
  claimed: Int32Array;
  /** [next from the front, next from the back]. */
  ends: Int32Array;
  /** The threads' turn at creating files (src/site/writer.ts). */
  turn: Turn;
}

const shared = (n: number) => new Int32Array(new SharedArrayBuffer(4 * Math.max(n, 1)));

/**
 * `newest`: each timeline's pages' newest post ids (pages of followed sites' posts are not there: they go in pieces
 * of their own).
 */
export function makeBoard(
  lastPostId: number,
  metas: TimelineMeta[],
  pageSize: number,
  newest: ReadonlyMap<TimelineKey, readonly number[]>,
): Board {
  const windows = Math.ceil(lastPostId / WINDOW);
  const runs: Run[][] = Array.from({ length: windows }, () => []);
  const rest: Run[] = [];
  metas.forEach((meta, t) => {
    const ends = newest.get(meta.key) ?? [];
    const pages = Math.ceil(meta.lastSeq / pageSize);
    for (let page = 1; page <= pages; page++) {
      const id = ends[page];
      const list = id ? runs[Math.min(windows - 1, Math.floor((id - 1) / WINDOW))]! : rest;
      const prev = list[list.length - 1];
      if (prev && prev.t === t && prev.last === page - 1) prev.last = page;
      else list.push({ t, first: page, last: page });
    }
  });
  const pieces: Piece[] = [{ kind: 'site' }];
  pieces.push(
    ...runs.map((r, w) => ({
      kind: 'window' as const,
      after: w * WINDOW,
      upTo: (w + 1) * WINDOW,
      runs: r,
    })),
  );
  if (rest.length) pieces.push({ kind: 'pages', runs: rest });
  for (let t = 0; t < metas.length; t++) pieces.push({ kind: 'front', t });
  const ends = shared(2);
  ends[1] = pieces.length - 1;
  return { metas, pieces, claimed: shared(pieces.length), ends, turn: newTurn() };
}

/** The next piece from one end that no thread has claimed, with its number; undefined when the two have met. */
export function take(board: Board, end: 'front' | 'back'): { n: number; piece: Piece } | undefined {
  const n = end === 'front' ? Atomics.add(board.ends, 0, 1) : Atomics.sub(board.ends, 1, 1);
  if (n < 0 || n >= board.pieces.length) return undefined;
  // The other thread got here first: everything beyond is its.
  if (Atomics.compareExchange(board.claimed, n, 0, 1) !== 0) return undefined;
  return { n, piece: board.pieces[n]! };
}

const runPages = (runs: readonly Run[]) => runs.reduce((n, r) => n + r.last - r.first + 1, 0);
/** How much a piece is, for progress: posts and pages. */
export const pieceSize = (p: Piece) =>
  p.kind === 'window' ? p.upTo - p.after + runPages(p.runs) : p.kind === 'pages' ? runPages(p.runs) : 1;

export interface PieceContext {
  reader: SiteReader;
  pages: PageRenderer;
  writer: SiteWriter;
  failures: Failures;
  /** Timelines a piece of which failed: their old files are kept (better last night's page than none). */
  failedDirs: Set<string>;
  front: Omit<FrontContext, 'pages' | 'reader'>;
  /** Renders the site's own files into `writer` (SiteBuilder.renderSiteOwn), recording what fails. */
  siteOwn: () => Promise<void>;
}

/** Renders one piece into the writer; a page or post that fails is recorded, the rest goes on. */
export async function renderPiece(ctx: PieceContext, board: Board, piece: Piece): Promise<void> {
  if (piece.kind === 'site') return ctx.siteOwn();
  if (piece.kind === 'window') await renderPermalinks(ctx, piece.after, piece.upTo);
  if (piece.kind === 'front') return guarded(ctx, board.metas[piece.t]!, (meta) => renderFront(ctx, meta));
  for (const run of piece.runs) {
    await guarded(ctx, board.metas[run.t]!, async (meta) => {
      for (let first = run.first; first <= run.last; first += PAGES_PER_READ)
        await renderArchive(ctx, meta, first, Math.min(run.last, first + PAGES_PER_READ - 1));
    });
  }
}

async function guarded(ctx: PieceContext, meta: TimelineMeta, fn: (meta: TimelineMeta) => Promise<void>) {
  const before = ctx.failures.list.length;
  await ctx.failures.guard(`timeline ${meta.dir || '(home)'}`, () => fn(meta));
  if (ctx.failures.list.length > before) ctx.failedDirs.add(meta.dir);
}

/** A timeline's front page, feeds and months, from its newest posts. */
async function renderFront(ctx: PieceContext, meta: TimelineMeta): Promise<void> {
  const { reader, pages } = ctx;
  const front = await reader.newest(meta.key, frontReach(pages.opts.pageSize, pages.opts.feedSize));
  await writeFrontAndFeeds({ ...ctx.front, reader, pages }, meta, front.posts, front.seqs, ctx.writer, true);
}

async function renderArchive(ctx: PieceContext, meta: TimelineMeta, first: number, last: number): Promise<void> {
  const size = ctx.pages.opts.pageSize;
  const { posts, seqs } = await archivePosts(ctx, meta, (first - 1) * size + 1, last * size);
  // Newest first: the oldest page is at the end.
  let i = posts.length;
  for (let page = first; page <= last; page++) {
    let j = i;
    while (j > 0 && seqs[j - 1]! <= page * size) j--;
    await ctx.writer.put(archivePagePath(meta.dir, page), ctx.pages.archivePage(meta, page, posts.slice(j, i)));
    i = j;
  }
}

/**
 * The posts of archive pages: the cards this render has already made (most are, by the window's permalinks or a page
 * before), and only the others read from the store.
 */
async function archivePosts(ctx: PieceContext, meta: TimelineMeta, from: number, to: number) {
  // A theme's pages get whole models, never a card alone: read them as they are.
  const listed = ctx.pages.cards.wholeModels ? undefined : await ctx.reader.rangeIds(meta.key, from, to);
  if (!listed) return ctx.reader.range(meta.key, from, to);
  // Loops, not callbacks: closures made at every page are optimized again and again by V8.
  const cards: (string | undefined)[] = [];
  const unread: number[] = [];
  for (const id of listed.ids) {
    const card = ctx.pages.cards.known(id);
    cards.push(card);
    if (card === undefined) unread.push(id);
  }
  const read = new Map<number, PostView>();
  for (const p of await ctx.reader.posts(unread)) read.set(p.id, p);
  const posts: (PostView | { card: string })[] = [];
  const seqs: number[] = [];
  for (let i = 0; i < listed.ids.length; i++) {
    const card = cards[i];
    const post = card === undefined ? read.get(listed.ids[i]!) : { card };
    // Gone since the ids were read: left out, as a read a moment later would have.
    if (post === undefined) continue;
    posts.push(post);
    seqs.push(listed.seqs[i]!);
  }
  return { posts, seqs };
}

async function renderPermalinks(ctx: PieceContext, after: number, upTo: number): Promise<void> {
  for (let from = after; from < upTo; from += 500) {
    const last = Math.min(upTo, from + 500);
    const ids: number[] = [];
    for (const id of await ctx.reader.postIdsAfter(from, 500)) if (id <= last) ids.push(id);
    for (const post of await ctx.reader.posts(ids, { conversation: true })) {
      const path = permalinkPath(post.id, post.slug);
      // Failures.guard written out: its callback would be a closure per post, optimized again and again by V8.
      try {
        await ctx.writer.put(path, ctx.pages.permalink(post));
      } catch (err) {
        ctx.failures.add(path, err);
      }
    }
  }
}

/**
 * Removes what a full render of generation `gen` did not produce (found by the manifest's mark), but what `keep` says
 * stays; `commit` records each batch. Returns the files `commit` reported written.
 */
export async function removeUnproduced(
  store: Pick<RenderStore, 'unmarked'>,
  writer: SiteWriter,
  gen: number,
  keep: (path: string) => boolean,
  commit: () => Promise<number>,
): Promise<number> {
  let changed = 0;
  for (let after = ''; ; ) {
    const paths = await store.unmarked(gen, after, 5000);
    if (!paths.length) return changed;
    for (const path of paths) if (!keep(path)) await writer.remove(path);
    after = paths[paths.length - 1]!;
    changed += await commit();
  }
}
