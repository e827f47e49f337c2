// A timeline's head after a change: its front page and feeds, its newest archive pages (the new one and the one whose
// "newer" link it changes), pages past its end after deletions, and its old handles' redirects.
import type { TimelineKey } from '../core/model.ts';
import { archivePagePath } from '../core/paths.ts';
import { pool } from '../core/pool.ts';
import type { TimelineMeta } from '../core/views.ts';
import type { RenderStore } from '../core/jobs.ts';
import { headPages, lastPageOf, pageCount, stalePages } from '../render/plan.ts';
import type { SiteWriter } from '../site/writer.ts';
import type { Failures } from './failures.ts';
import { writeRedirects } from './redirects.ts';
import { type FrontContext, frontReach, writeFrontAndFeeds } from './timeline-files.ts';

export interface HeadContext extends FrontContext {
  store: Pick<RenderStore, 'manifestHashes' | 'manifestPathsUnder'>;
}

/**
 * Heads rendered at once: one's reads go on in SQLite's thread while another's pages are made (a new post's five heads
 * and its search shards: `render` 650 -> 615 ms at 100,000 posts, twelve interleaved pairs); a few, so a batch that
 * touches thousands of timelines does not hold them all in memory.
 */
const HEADS_AT_ONCE = 4;

/**
 * The heads of the timelines a batch of changes touched. Returns the archive pages rendered (`key#page`), and whether
 * a person's page came or went (the People list shows those with one).
 */
export async function renderHeads(
  ctx: HeadContext,
  keys: readonly TimelineKey[],
  meta: (key: TimelineKey) => Promise<TimelineMeta | undefined>,
  writer: SiteWriter,
  failures: Failures,
): Promise<{ done: Set<string>; peopleChanged: boolean }> {
  const done = new Set<string>();
  let peopleChanged = false;
  // A read that fails is the batch's failure, as it was one head at a time (pool lets the heads under way finish).
  await pool(keys, HEADS_AT_ONCE, async (key) => {
    const m = await meta(key);
    if (key.startsWith('person:') && !peopleChanged && (await pageCameOrWent(ctx, key, m))) peopleChanged = true;
    // A timeline with no posts has no pages (a tag nobody uses, a person who opted out before posting).
    if (!m) {
      const dir = ctx.reader.dirOf(key);
      if (dir) for (const path of await ctx.store.manifestPathsUnder(dir)) await writer.remove(path);
      return;
    }
    await failures.guard(`timeline ${m.dir || '(home)'}`, async () => {
      for (const page of await renderHead(ctx, m, writer)) done.add(`${key}#${page}`);
    });
  });
  return { done, peopleChanged };
}

async function pageCameOrWent(ctx: HeadContext, key: TimelineKey, meta: TimelineMeta | undefined): Promise<boolean> {
  const dir = meta?.dir ?? ctx.reader.dirOf(key);
  if (!dir) return false;
  const had = (await ctx.store.manifestHashes([dir + 'index.html'])).has(dir + 'index.html');
  return had !== (meta !== undefined);
}

/** Front page, newest archive pages and feeds of a timeline; returns the archive pages it rendered. */
export async function renderHead(ctx: HeadContext, meta: TimelineMeta, writer: SiteWriter): Promise<number[]> {
  const { pages, reader } = ctx;
  const pageSize = pages.opts.pageSize;
  const front = await reader.newest(meta.key, frontReach(pageSize, pages.opts.feedSize));
  await writeFrontAndFeeds(ctx, meta, front.posts, front.seqs, writer);
  const { had, stale } = await archiveEnd(ctx, meta);
  const numbers = headPages(meta, pageSize, had);
  for (const page of numbers) await renderArchive(ctx, meta, page, writer);
  for (const path of stale) await writer.remove(path);
  for (const dir of reader.aliasDirs(meta.key)) await writeRedirects(pages, meta, dir, numbers, writer);
  return numbers;
}

/** One archive page of a timeline. */
export async function renderArchive(
  ctx: Pick<HeadContext, 'pages' | 'reader'>,
  meta: TimelineMeta,
  page: number,
  writer: SiteWriter,
): Promise<void> {
  const size = ctx.pages.opts.pageSize;
  const { posts } = await ctx.reader.range(meta.key, (page - 1) * size + 1, page * size);
  await writer.put(archivePagePath(meta.dir, page), ctx.pages.archivePage(meta, page, posts));
}

/**
 * The last archive page the site has of a timeline, and pages past its end (after deletions). Usually the site has
 * the page before the last and nothing past it: three paths looked up, not the timeline's every page listed.
 */
async function archiveEnd(ctx: HeadContext, meta: TimelineMeta): Promise<{ had: number; stale: string[] }> {
  const pageSize = ctx.pages.opts.pageSize;
  const last = pageCount(meta.lastSeq, pageSize);
  const path = (n: number) => archivePagePath(meta.dir, n);
  const near = await ctx.store.manifestHashes([path(last - 1), path(last), path(last + 1)]);
  if ((last <= 1 || near.has(path(last - 1))) && !near.has(path(last + 1)))
    return { had: near.has(path(last)) ? last : last - 1, stale: [] };
  const existing = await ctx.store.manifestPathsUnder(meta.dir + 'page/');
  return { had: lastPageOf(existing, meta.dir), stale: stalePages(existing, meta, pageSize) };
}
