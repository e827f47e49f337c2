// Pages as strings, from plain data. Templates in templates/ are nunjucks with autoescape on: the only
// raw HTML that reaches a page is the markdown body, which has passed through render/markdown.
import nunjucks from 'nunjucks';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PostView, TimelineMeta } from '../core/views.ts';
import { FAVICON_PATH, FEED_FILES, archivePagePath, personDir } from '../core/paths.ts';
import { cutText } from '../core/names.ts';
import { renderFeeds, type FeedSet } from './feeds.ts';
import { archivePager, indexOlderLink } from './plan.ts';
import { PostFormatter } from './view.ts';
import { SORTS, type Sort } from '../core/ranking.ts';

/** What each order means, in the page (README "Sorts" has the formulas). */
const SORT_INTROS: Record<Sort, string> = {
  hot: 'Posts people starred, voted on or echoed, the recent ones with most points first.',
  best: 'Posts most surely liked: the most up votes for the votes they had.',
  worst: 'Posts most surely disliked: the most down votes for the votes they had.',
  controversial: 'Posts with many votes, split most evenly.',
};
import { ENV_OPTIONS, loadPrecompiled, TEMPLATES } from './precompiled.ts';

const HOME_META = { dir: '' } as const;

/** A page's title before the site's name: the home timeline's pages are the site's own, and say only what they are. */
const titled = (meta: TimelineMeta, what: string) =>
  meta.kind === 'home' ? what[0]!.toUpperCase() + what.slice(1) : `${meta.title} · ${what}`;

const dims = (f: { width?: number | null; height?: number | null }) =>
  f.width && f.height ? { width: f.width, height: f.height } : {};

export interface SiteOptions {
  templatesDir: string;
  title: string;
  description: string;
  siteUrl: string;
  lang: string;
  timeZone: string;
  pageSize: number;
  feedSize: number;
  /** Pages each sorted view keeps (default 5). */
  sortPages?: number;
  /** Post bodies and dates remembered across pages (see PostFormatter). */
  cacheLimit?: number;
  /**
   * A module of these templates compiled ahead of time (src/render/precompiled.ts), checked when it was made; used
   * only while it matches the templates' text.
   */
  precompiled?: string | undefined;
}

export interface ListItem {
  url: string;
  label: string;
  note?: string;
}

export { TEMPLATES };

/** The names of the filters a template's source uses, from nunjucks' own parser. */
function filtersIn(source: string): string[] {
  const parser = (nunjucks as unknown as { parser: { parse(src: string): unknown } }).parser;
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { typename?: string; name?: { value?: unknown } } & Record<string, unknown>;
    if ((n.typename === 'Filter' || n.typename === 'FilterAsync') && typeof n.name?.value === 'string')
      names.add(n.name.value);
    for (const [key, child] of Object.entries(n)) if (key !== 'parent') walk(child);
  };
  walk(parser.parse(source));
  return [...names];
}

export class PageRenderer {
  readonly fmt: PostFormatter;
  readonly css: { path: string; content: string };
  private readonly env: nunjucks.Environment;
  private readonly base: string;
  private readonly compiled: Record<string, unknown> | undefined;
  hasRooms = false;
  /** When the site began (set from the store when it opens): the date of a feed with no posts. */
  since = 0;
  /** The site follows sources whose posts are here: home links to them. */
  hasMesh = false;
  /** The site publishes a search index (not a private one: its index would be sealed). */
  hasSearch = true;
  private unlockAsset: { path: string; content: string } | undefined;

  /** A private site's unlock script (templates/assets/unlock.js), named by its content like the style sheet. */
  get unlock(): { path: string; content: string } {
    if (!this.unlockAsset) {
      const js = readFileSync(join(this.opts.templatesDir, 'assets', 'unlock.js'), 'utf8');
      const hash = createHash('sha256').update(js).digest('hex').slice(0, 10);
      this.unlockAsset = { path: `assets/unlock-${hash}.js`, content: js };
    }
    return this.unlockAsset;
  }

  private searchAsset: { path: string; content: string } | undefined;

  /** The search page's script (templates/assets/search.js), named by its content. */
  get search(): { path: string; content: string } {
    if (!this.searchAsset) {
      const js = readFileSync(join(this.opts.templatesDir, 'assets', 'search.js'), 'utf8');
      const hash = createHash('sha256').update(js).digest('hex').slice(0, 10);
      this.searchAsset = { path: `assets/search-${hash}.js`, content: js };
    }
    return this.searchAsset;
  }

  searchPage(): string {
    return this.page('search.njk', {
      section: 'search',
      title: 'Search',
      script: this.fmt.url(this.search.path),
      canonical: this.fmt.url('search/index.html', true),
    });
  }

  /** Where a page's shell finds the style sheet and the unlock script. */
  get shellAssets(): { css: string; script: string } {
    return { css: this.fmt.url(this.css.path), script: this.fmt.url(this.unlock.path) };
  }

  constructor(readonly opts: SiteOptions) {
    this.base = new URL(opts.siteUrl).pathname.replace(/\/?$/, '/');
    this.fmt = new PostFormatter(this.base, opts.siteUrl, opts.timeZone, opts.cacheLimit);
    this.compiled = opts.precompiled ? loadPrecompiled(opts.precompiled, opts.templatesDir) : undefined;
    const loader = this.compiled
      ? new nunjucks.PrecompiledLoader(this.compiled as never)
      : new nunjucks.FileSystemLoader(opts.templatesDir, { noCache: false });
    this.env = new nunjucks.Environment(loader, { ...ENV_OPTIONS });
    const css = readFileSync(join(opts.templatesDir, 'assets', 'style.css'), 'utf8');
    const hash = createHash('sha256').update(css).digest('hex').slice(0, 10);
    this.css = { path: `assets/style-${hash}.css`, content: css };
  }

  /**
   * Compiles every template the site uses, so a missing file or a mistake in one is found when Meshline starts,
   * named with its file and line, not halfway through a render.
   */
  checkTemplates(): { file: string; problem: string }[] {
    const problems: { file: string; problem: string }[] = [];
    if (this.compiled) return problems;
    for (const file of TEMPLATES) {
      try {
        this.env.getTemplate(file, true);
        // Filters are looked up only when an expression runs (maybe inside a loop that never does): check them all.
        const source = readFileSync(join(this.opts.templatesDir, file), 'utf8');
        for (const name of filtersIn(source)) {
          try {
            this.env.getFilter(name);
          } catch {
            const line = source.split('\n').findIndex((l) => new RegExp(`\\|\\s*${name}\\b`).test(l)) + 1;
            throw new Error(`unknown filter "${name}"${line ? ` [Line ${line}, Column 1]` : ''}`);
          }
        }
      } catch (err) {
        // nunjucks nests its messages ("(unknown path) [Line 3, Column 5]\n  Error: …"): keep the line and the cause.
        const text = err instanceof Error ? err.message : String(err);
        const where = /\[Line (\d+), Column (\d+)\]/.exec(text);
        const cause =
          text
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
            .at(-1) ?? text;
        const said = cause.replace(/\s*\[Line \d+, Column \d+\]/, '').replace(/^(Template render error|Error):\s*/, '');
        const problem = `${said}${where ? ` (line ${where[1]})` : ''}`;
        problems.push({ file, problem });
      }
    }
    return problems;
  }

  private page(template: string, ctx: Record<string, unknown>): string {
    const site = {
      title: this.opts.title,
      description: this.opts.description,
      lang: this.opts.lang,
      ogLocale: this.opts.lang.replace('-', '_'),
      base: this.base,
      css: this.css.path,
      icon: FAVICON_PATH,
      hasRooms: this.hasRooms,
      hasSearch: this.hasSearch,
    };
    // Every page links feeds (README): a page of no timeline of its own offers the site's.
    const feeds = ctx.feeds ? {} : { feeds: this.feedLinks(HOME_META), feedTitle: this.opts.title };
    return this.env.render(template, { site, ...feeds, ...ctx });
  }

  /** The site's icon (templates/assets/favicon.svg), at a fixed address so browsers and feed readers find it. */
  get icon(): { path: string; content: string } {
    return { path: FAVICON_PATH, content: readFileSync(join(this.opts.templatesDir, 'assets', 'favicon.svg'), 'utf8') };
  }

  /** The page for addresses the site does not have (the preview server's and S3 website's error document). */
  notFound(): string {
    return this.page('404.njk', { section: '', title: 'Page not found' });
  }

  private feedLinks(meta: Pick<TimelineMeta, 'dir'>) {
    return {
      rss: this.fmt.url(meta.dir + FEED_FILES.rss),
      atom: this.fmt.url(meta.dir + FEED_FILES.atom),
      json: this.fmt.url(meta.dir + FEED_FILES.json),
    };
  }

  private timelineCtx(meta: TimelineMeta) {
    const sections = { home: 'home', person: 'people', tag: 'tags', room: 'rooms', mesh: 'mesh', remote: 'mesh' };
    const intros: Partial<Record<TimelineMeta['kind'], string>> = {
      home: this.opts.description,
      tag: `Posts tagged ${meta.title}`,
      mesh: 'Posts of the sites and people this site follows, as their feeds say; each links to where it lives.',
    };
    const o = meta.origin;
    return {
      section: sections[meta.kind],
      intro: intros[meta.kind] ?? '',
      description: intros[meta.kind] ?? `Posts of ${meta.title} on ${this.opts.title}.`,
      origin: o && { host: o.host, href: o.url },
      meshUrl: meta.kind === 'home' && this.hasMesh ? this.fmt.url('mesh/index.html') : null,
      heading: meta.title,
      feeds: this.feedLinks(meta),
      feedTitle: meta.title,
      title: meta.kind === 'home' ? '' : meta.title,
    };
  }

  /** The front page of a timeline: its newest posts. */
  timelineIndex(
    meta: TimelineMeta,
    posts: readonly PostView[],
    oldestShownSeq: number,
    pinned: readonly PostView[] = [],
    sortable = false,
  ): string {
    return this.page('timeline.njk', {
      ...this.timelineCtx(meta),
      pinned: pinned.map((p) => this.fmt.model(p)),
      sorts: sortable ? this.sortSwitch(meta, 'recent') : null,
      posts: posts.map((p) => this.fmt.model(p)),
      newer: null,
      older: indexOlderLink(meta, oldestShownSeq, this.opts.pageSize, (p) => this.fmt.url(p)),
      canonical: this.fmt.url(meta.dir + 'index.html', true),
    });
  }

  /** The switch between a timeline's orders, when it has sorted views (`current`: the one shown). */
  sortSwitch(meta: TimelineMeta, current: string): { label: string; url: string; current: boolean }[] {
    const orders = [
      ['recent', 'Recent', 'index.html'],
      ...SORTS.map((s) => [s, s[0]!.toUpperCase() + s.slice(1), `${s}/index.html`]),
    ];
    return orders.map(([key, label, path]) => ({
      label: label!,
      url: this.fmt.url(meta.dir + path!),
      current: key === current,
    }));
  }

  sortedPage(meta: TimelineMeta, sort: Sort, page: number, count: number, posts: readonly PostView[]): string {
    const label = sort[0]!.toUpperCase() + sort.slice(1);
    const url = (p: number) => this.fmt.url(`${meta.dir}${sort}/${p === 1 ? 'index' : p}.html`);
    return this.page('timeline.njk', {
      ...this.timelineCtx(meta),
      title: titled(meta, label),
      heading: `${meta.title} · ${label}`,
      intro: SORT_INTROS[sort],
      sorts: this.sortSwitch(meta, sort),
      pageLabel: count > 1 ? `Page ${page} of ${count}` : '',
      posts: posts.map((p) => this.fmt.model(p)),
      newer: page > 1 ? url(page - 1) : null,
      older: page < count ? url(page + 1) : null,
      canonical: this.fmt.url(`${meta.dir}${sort}/${page === 1 ? 'index' : page}.html`, true),
      meshUrl: null,
    });
  }

  archivePage(meta: TimelineMeta, page: number, posts: readonly PostView[]): string {
    return this.page('timeline.njk', {
      ...this.timelineCtx(meta),
      title: titled(meta, `page ${page}`),
      // No page count: it grows with every new page, and an archive page must not change when it does.
      pageLabel: `Page ${page}, oldest first numbering`,
      posts: posts.map((p) => this.fmt.model(p)),
      ...archivePager(meta, page, this.opts.pageSize, (p) => this.fmt.url(p)),
      canonical: this.fmt.url(archivePagePath(meta.dir, page), true),
    });
  }

  permalink(post: PostView): string {
    const p = this.fmt.model(post);
    // Search engines and tabs cut titles near 70 characters, the site's name included.
    const full = `${post.author.name}: ${post.text.replace(/\s+/g, ' ')}`;
    const room = Math.max(20, 66 - this.opts.title.length);
    const title = cutText(full, room);
    const image = post.attachments.find((a) => a.kind === 'image' && a.path !== null);
    return this.page('post.njk', {
      p,
      title,
      section: '',
      canonical: p.absoluteUrl,
      description: cutText(post.text.replace(/\s+/g, ' ').trim(), 200),
      ogType: 'article',
      publishedTime: p.iso,
      ...(image && {
        image: { url: this.fmt.url(image.path!, true), alt: image.name, ...dims(image) },
      }),
      ...(post.origin
        ? {}
        : { feeds: this.feedLinks({ dir: personDir(post.author.handle) }), feedTitle: post.author.name }),
    });
  }

  /** A page that sends readers on to where it moved (an old handle's page); static hosting has no 301. */
  redirect(toPath: string, heading: string): string {
    const target = this.fmt.url(toPath, true);
    return this.page('redirect.njk', {
      section: '',
      heading,
      title: heading,
      refresh: target,
      canonical: target,
      target,
    });
  }

  list(section: 'people' | 'tags' | 'rooms', heading: string, items: readonly ListItem[]): string {
    return this.page('list.njk', { section, heading, title: heading, items });
  }

  feeds(meta: TimelineMeta, posts: readonly PostView[], removed: readonly number[] = []): FeedSet {
    const { title, description, lang } = this.opts;
    const site = { title, description, lang, since: this.since };
    return renderFeeds(
      meta,
      posts.map((p) => this.fmt.model(p, true)),
      this.fmt,
      site,
      removed,
    );
  }
}
