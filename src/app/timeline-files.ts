// A timeline's front page and feeds (RSS, Atom, JSON Feed and its signature, a person's twtxt), under its folder
// and its old handles' folders; a private site's home feeds also at each member's link.
import { pageOf, type TimelineKey } from '../core/model.ts';
import { FEED_FILES, MONTHS_FILE, SIGNATURE_SUFFIX, capabilityDir } from '../core/paths.ts';
import type { PostView, SiteReader, TimelineMeta } from '../core/views.ts';
import type { PageRenderer } from '../render/pages.ts';
import { TWTXT_FILE, twtxtFile } from '../render/twtxt.ts';
import type { SiteWriter } from '../site/writer.ts';
import type { FeedSigner } from '../mesh/identity.ts';
import type { RenderCommit } from '../core/jobs.ts';

export interface FrontContext {
  pages: PageRenderer;
  reader: SiteReader;
  /** Whether the site has this file now (the manifest says). */
  hasFile(path: string): Promise<boolean>;
  signer: FeedSigner | undefined;
  /** A private site: its members' feed links get the home feeds too. */
  sealed: boolean;
  sortable: ReadonlySet<TimelineKey>;
}

/** What a front page and its feeds need besides the pages and the reader, on either thread of a render. */
export function frontOptions(
  store: Pick<RenderCommit, 'manifestHashes'>,
  signer: FeedSigner | undefined,
  sealed: boolean,
  sortable: ReadonlySet<TimelineKey>,
): Omit<FrontContext, 'pages' | 'reader'> {
  const hasFile = async (path: string) => (await store.manifestHashes([path])).has(path);
  return { signer, sealed, hasFile, sortable };
}

/** How many of the newest posts a front page and feeds may need: see `frontFloor`. */
export const frontReach = (pageSize: number, feedSize: number) => Math.max(2 * pageSize - 1, feedSize);

/**
 * The position below which the front page stops: the start of the archive page that holds its `pageSize`-th newest
 * post. The front shows whole archive pages (from pageSize to 2·pageSize−1 posts), so its "Older" link leads to the
 * page just below, which repeats none of them.
 */
export function frontFloor(seqs: readonly number[], pageSize: number): number {
  const nth = seqs[Math.min(pageSize, seqs.length) - 1];
  return nth === undefined ? 0 : (pageOf(nth, pageSize) - 1) * pageSize;
}

export async function writeFrontAndFeeds(
  ctx: FrontContext,
  meta: TimelineMeta,
  newest: readonly PostView[],
  seqs: readonly number[],
  writer: SiteWriter,
  full = false,
): Promise<void> {
  const { pages, reader } = ctx;
  const floor = frontFloor(seqs, pages.opts.pageSize);
  let shown = 0;
  for (const s of seqs) if (s > floor) shown++;
  const pinned = await reader.pinned(meta.key);
  const profile = meta.kind === 'person' ? await reader.profile(Number(meta.key.slice('person:'.length))) : undefined;
  const sortable = ctx.sortable.has(meta.key);
  const months = MONTHLY.has(meta.kind) && (await writeMonths(ctx, meta, newest, writer, full));
  const front = pages.timelineIndex(meta, newest.slice(0, shown), floor + 1, pinned, sortable, profile, months);
  await writer.put(meta.dir + 'index.html', front);
  // The site's own feeds carry its own posts: followed ones are shown on home (mesh.homeTimeline), never re-published
  // as the site's.
  const own = meta.kind === 'home' && newest.some((p) => p.origin) ? newest.filter((p) => !p.origin) : newest;
  const feedPosts = own.slice(0, pages.opts.feedSize);
  const removed = meta.kind === 'mesh' || meta.kind === 'remote' ? [] : await reader.tombstones(meta.key);
  const feeds = pages.feeds(meta, feedPosts, removed);
  const author = meta.kind === 'person' ? feedPosts[0]?.author : undefined;
  const twtxt = author && twtxtFile(author, feedPosts, (p) => pages.fmt.url(p, true));
  // A feed reader has no redirect to follow: under an old handle the same feeds are kept, up to date. A private
  // site's members read the home feeds in clear at their own links.
  const links = meta.kind === 'home' && ctx.sealed ? (await reader.feedTokens()).map(capabilityDir) : [];
  for (const dir of links) {
    await writer.put(dir + FEED_FILES.rss, feeds.rss);
    await writer.put(dir + FEED_FILES.atom, feeds.atom);
    await writer.put(dir + FEED_FILES.json, feeds.json);
  }
  for (const dir of [meta.dir, ...reader.aliasDirs(meta.key)]) {
    await writer.put(dir + FEED_FILES.rss, feeds.rss);
    await writer.put(dir + FEED_FILES.atom, feeds.atom);
    await writer.put(dir + FEED_FILES.json, feeds.json);
    // Deterministic (Ed25519): an unchanged feed keeps its signature, and neither is written again.
    if (ctx.signer && FOLLOWABLE.has(meta.kind))
      await writer.put(dir + FEED_FILES.json + SIGNATURE_SUFFIX, ctx.signer.sign(feeds.json));
    if (twtxt) await writer.put(dir + TWTXT_FILE, twtxt);
  }
}

/** What another site can follow (src/mesh/pull.ts): only their JSON Feeds are signed, a file less per post. */
const FOLLOWABLE = new Set<TimelineMeta['kind']>(['home', 'person', 'tag']);

/** Timelines with a page of their months (followed sites' have their own archives). */
const MONTHLY = new Set<TimelineMeta['kind']>(['home', 'person', 'room', 'tag']);

const monthFormats = new Map<string, Intl.DateTimeFormat>();
/** A key for the month a time falls in, in the site's zone (only compared: UTC's is made by hand, Intl is slower). */
function monthOf(at: number, timeZone: string): string {
  if (timeZone === 'UTC') {
    const d = new Date(at);
    return `${d.getUTCFullYear()}-${d.getUTCMonth()}`;
  }
  let f = monthFormats.get(timeZone);
  if (!f)
    monthFormats.set(timeZone, (f = new Intl.DateTimeFormat('en', { year: 'numeric', month: '2-digit', timeZone })));
  return f.format(at);
}

/**
 * A timeline's months page, written when a month begins (its two newest posts are in different months), when it is
 * missing, and on a full render; returns whether the timeline has one. Months never move between archive pages, so
 * the page changes only then.
 */
async function writeMonths(
  ctx: FrontContext,
  meta: TimelineMeta,
  newest: readonly PostView[],
  writer: SiteWriter,
  full: boolean,
): Promise<boolean> {
  const { pages, reader } = ctx;
  const tz = pages.opts.timeZone;
  const own = newest.filter((p) => !p.origin);
  if (!own.length) return false;
  const path = meta.dir + MONTHS_FILE;
  const begun = own.length < 2 || monthOf(own[0]!.at, tz) !== monthOf(own[1]!.at, tz);
  if (!full && !begun && (await ctx.hasFile(path))) return true;
  const months: { at: number; page: number }[] = [];
  let last = '';
  for (const q of await reader.quarterStarts(meta.key)) {
    const m = monthOf(q.at, tz);
    if (m === last) continue;
    last = m;
    months.push({ at: q.at, page: pageOf(q.seq, pages.opts.pageSize) });
  }
  await writer.put(path, pages.monthsPage(meta, months));
  return true;
}
