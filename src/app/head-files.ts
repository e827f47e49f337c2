// A timeline's head after a change: its front page and feeds, its newest archive pages (the new one and the one whose
// "newer" link it changes), pages past its end after deletions, and its old handles' redirects.
import { archivePagePath } from '../core/paths.ts';
import type { TimelineMeta } from '../core/views.ts';
import type { RenderStore } from '../core/jobs.ts';
import { headPages, lastPageOf, pageCount, stalePages } from '../render/plan.ts';
import type { SiteWriter } from '../site/writer.ts';
import { writeRedirects } from './redirects.ts';
import { type FrontContext, frontReach, writeFrontAndFeeds } from './timeline-files.ts';

export interface HeadContext extends FrontContext {
  store: Pick<RenderStore, 'manifestHashes' | 'manifestPathsUnder'>;
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
