// Files every public site has besides its timelines: the 404 page, the icon, robots.txt, the sitemaps and the OPML
// list of feeds. Sitemaps are incremental: posts are listed by id in chunks of SITEMAP_CHUNK, so a new post rewrites
// one small file; the index changes only when a chunk comes or goes.
import type { RenderStore } from '../core/jobs.ts';
import { SITEMAP_CHUNK } from '../core/targets.ts';
import {
  FEED_FILES,
  NOT_FOUND_PAGE,
  OPML_PATH,
  SITEMAP_PATH,
  permalinkPath,
  personDir,
  roomDir,
  tagDir,
} from '../core/paths.ts';
import type { SiteReader } from '../core/views.ts';
import { type FeedOutline, opml, sitemapIndex, urlset } from '../render/listings.ts';
import type { PageRenderer } from '../render/pages.ts';
import { ROBOTS } from '../site/private.ts';
import type { SiteWriter } from '../site/writer.ts';

const SITEMAP_DIR = 'sitemaps/';
const PAGES_SITEMAP = `${SITEMAP_DIR}pages.xml`;
const chunkPath = (k: number) => `${SITEMAP_DIR}posts-${k}.xml`;

export interface SiteFilesContext {
  writer: SiteWriter;
  pages: PageRenderer;
  reader: SiteReader;
  store: Pick<RenderStore, 'sitemap' | 'manifestPathsUnder'>;
  /** A private site: no sitemap or feed list (search engines are kept out, feeds are sealed). */
  sealed: boolean;
}

/** The 404 page, icon and robots.txt; on a full render (they change with the templates and settings only). */
export async function renderFixedFiles(ctx: SiteFilesContext): Promise<void> {
  const { writer, pages } = ctx;
  await writer.put(NOT_FOUND_PAGE, pages.notFound());
  await writer.put(pages.icon.path, pages.icon.content);
  await writer.put(pages.assets.time.path, pages.assets.time.content);
  await writer.put(pages.assets.embed.path, pages.assets.embed.content);
  // What a theme adds to its assets/ (fonts, images), as it is.
  for (const a of pages.assets.extras()) await writer.put(a.path, a.content);
  await writer.put(
    'robots.txt',
    ctx.sealed ? ROBOTS : `User-agent: *\nAllow: /\nSitemap: ${pages.fmt.url(SITEMAP_PATH, true)}\n`,
  );
}

/** The sitemap files of these chunks of post ids, and the index when a chunk came or went. */
export async function renderSitemapChunks(ctx: SiteFilesContext, ids: Iterable<number>): Promise<void> {
  if (ctx.sealed) return;
  const chunks = new Set(ids);
  if (!chunks.size) return;
  const had = new Set(await ctx.store.manifestPathsUnder(`${SITEMAP_DIR}posts-`));
  let cameOrWent = false;
  for (const k of [...chunks].sort((a, b) => a - b)) {
    const posts = await ctx.store.sitemap.posts(k * SITEMAP_CHUNK, (k + 1) * SITEMAP_CHUNK - 1);
    const path = chunkPath(k);
    if (posts.length) {
      const urls = posts.map((p) => ({ loc: ctx.pages.fmt.url(permalinkPath(p.id, p.slug), true), lastmod: p.at }));
      await ctx.writer.put(path, urlset(urls));
    } else if (had.has(path)) await ctx.writer.remove(path);
    if (had.has(path) !== posts.length > 0) cameOrWent = true;
  }
  if (cameOrWent) await renderSitemapIndex(ctx);
}

export async function renderSitemapIndex(ctx: SiteFilesContext): Promise<void> {
  if (ctx.sealed) return;
  const chunks = await ctx.store.sitemap.chunks(SITEMAP_CHUNK);
  const url = (p: string) => ctx.pages.fmt.url(p, true);
  await ctx.writer.put(SITEMAP_PATH, sitemapIndex([url(PAGES_SITEMAP), ...chunks.map((k) => url(chunkPath(k)))]));
}

/** Every post's sitemap (a full render): chunks the site no longer has are removed. */
export async function renderAllSitemaps(ctx: SiteFilesContext): Promise<void> {
  if (ctx.sealed) return;
  const chunks = await ctx.store.sitemap.chunks(SITEMAP_CHUNK);
  const keep = new Set(chunks.map(chunkPath));
  for (const path of await ctx.store.manifestPathsUnder(`${SITEMAP_DIR}posts-`))
    if (!keep.has(path)) await ctx.writer.remove(path);
  // Each chunk as if it were there already: the index is written once, below.
  await renderSitemapChunks({ ...ctx, store: { ...ctx.store, manifestPathsUnder: async () => [...keep] } }, chunks);
  await renderSitemapIndex(ctx);
}

/**
 * What changes with the lists of people, tags and rooms: the sitemap of the site's pages (home, the indexes, each
 * front page) and the OPML list of every feed.
 */
export async function renderListings(ctx: SiteFilesContext): Promise<void> {
  if (ctx.sealed) return;
  const { pages, reader } = ctx;
  const url = (p: string) => pages.fmt.url(p, true);
  const [people, tags, rooms] = await Promise.all([reader.people(), reader.tags(), reader.rooms()]);
  const dirs = [
    '',
    'people/',
    'tags/',
    ...(rooms.length ? ['rooms/'] : []),
    ...people.map((p) => personDir(p.handle)),
    ...tags.map((t) => tagDir(t.tag)),
    ...rooms.map((r) => roomDir(r.slug)),
  ];
  await ctx.writer.put(PAGES_SITEMAP, urlset(dirs.map((d) => ({ loc: url(`${d}index.html`) }))));
  const feed = (title: string, dir: string): FeedOutline => ({
    title,
    xmlUrl: url(dir + FEED_FILES.rss),
    htmlUrl: url(`${dir}index.html`),
  });
  const groups = [
    {
      title: pages.i18n.t('list.people'),
      feeds: people.map((p) => feed(`${p.name} (@${p.handle})`, personDir(p.handle))),
    },
    { title: pages.i18n.t('list.tags'), feeds: tags.map((t) => feed(`#${t.tag}`, tagDir(t.tag))) },
    { title: pages.i18n.t('list.rooms'), feeds: rooms.map((r) => feed(r.name, roomDir(r.slug))) },
  ];
  await ctx.writer.put(OPML_PATH, opml(`Feeds of ${pages.opts.title}`, feed(pages.opts.title, ''), groups));
}
