// Pages as strings, from plain data. Templates in templates/ are nunjucks with autoescape on: the only
// raw HTML that reaches a page is the markdown body, which has passed through render/markdown.
import type nunjucks from 'nunjucks';
import { loadNunjucks } from './nunjucks.ts';
import { type Asset, SiteAssets } from './assets.ts';
import { loadCatalog, Translator } from './i18n.ts';
import { addGlobals, templateGlobals, templateProblems, type TemplateProblem } from './templating.ts';
import type { PostView, ProfileView, TimelineMeta } from '../core/views.ts';
import { networkLabel, profileContext } from './people.ts';
import {
  FAVICON_PATH,
  FEED_FILES,
  MONTHS_FILE,
  archivePagePath,
  networkDir,
  permalinkPath,
  personDir,
  threadPath,
} from '../core/paths.ts';
import { cutText } from '../core/names.ts';
import { renderFeeds, type FeedSet } from './feeds.ts';
import { archivePager, indexOlderLink, pageNumbers } from './plan.ts';
import { pageOf } from '../core/model.ts';
import { PostFormatter, type PostModel } from './view.ts';
import { type CardShelf, Cards } from './cards.ts';
import { SORTS, type Sort } from '../core/ranking.ts';

import type { ListItem, SiteOptions } from './site-options.ts';
import { ENV_OPTIONS, loadPrecompiled, type Precompiled, TEMPLATES } from './precompiled.ts';
import {
  type FastRender,
  fastSource,
  type LazyHost,
  lazyHost,
  renderWith,
  templateTexts,
  warnOnce,
} from './fast-templates.ts';

const HOME_META = { dir: '' } as const;

/** A page's title before the site's name: the home timeline's pages are the site's own, and say only what they are. */
const titled = (name: string, meta: TimelineMeta, what: string) =>
  meta.kind === 'home' ? what[0]!.toUpperCase() + what.slice(1) : `${name} · ${what}`;

const dims = (f: { width?: number | null; height?: number | null }) =>
  f.width && f.height ? { width: f.width, height: f.height } : {};

export type { ListItem, SiteOptions } from './site-options.ts';

export { TEMPLATES };

export class PageRenderer {
  readonly fmt: PostFormatter;
  /** Each post's card, rendered once a render. */
  readonly cards: Cards;
  readonly css: Asset;
  private readonly host: LazyHost;
  private readonly base: string;
  private readonly compiled: Precompiled | undefined;
  private readonly render: FastRender;
  hasRooms = false;
  /** The networks with posts here: home links each one's timeline when there are several. */
  networks: string[] = [];
  /** When the site began (set from the store when it opens): the date of a feed with no posts. */
  since = 0;
  /** The site follows sources whose posts are here: home links to them. */
  hasMesh = false;
  /** The site publishes a search index (not a private one: its index would be sealed). */
  hasSearch = true;
  readonly assets: SiteAssets;
  /** The site's words in site.lang (templates' locales/), and its numbers. */
  readonly i18n: Translator;
  /** Why every page renders with nunjucks (a theme's template uses what compile.ts does not know), when it does. */
  slowPath: string | undefined;
  /** Templates whose compiled code failed on a page nunjucks then rendered: a compiler bug, and the slow path. */
  readonly fellBack = new Set<string>();

  /** A private site's unlock script (templates/assets/unlock.js), named by its content like the style sheet. */
  get unlock(): Asset {
    return this.assets.unlock;
  }

  /** The search page's script (templates/assets/search.js), named by its content. */
  get search(): Asset {
    return this.assets.search;
  }

  searchPage(): string {
    return this.page('search.njk', {
      section: 'search',
      title: this.i18n.t('search.title'),
      script: this.fmt.url(this.search.path),
      messages: this.i18n.pick(['search.tooShort', 'search.searching', 'search.found', 'search.none', 'search.failed']),
      canonical: this.fmt.url('search/index.html', true),
    });
  }

  /** Where a page's shell finds the style sheet and the unlock script. */
  get shellAssets(): { css: string; script: string } {
    return { css: this.fmt.url(this.css.path), script: this.fmt.url(this.unlock.path) };
  }

  constructor(readonly opts: SiteOptions) {
    this.base = new URL(opts.siteUrl).pathname.replace(/\/?$/, '/');
    // A theme's folder first: a template or asset it has wins, the built-in one serves for the rest.
    const dirs = opts.themeDir ? [opts.themeDir, opts.templatesDir] : [opts.templatesDir];
    this.i18n = new Translator(opts.lang, loadCatalog([...dirs].reverse(), opts.lang));
    this.fmt = new PostFormatter(this.base, opts.siteUrl, opts.timeZone, opts.lang);
    this.compiled =
      opts.precompiled && !opts.themeDir ? loadPrecompiled(opts.precompiled, opts.templatesDir) : undefined;
    // The templates as plain JavaScript (compile.ts): built with the package, or a theme's compiled now.
    const fast = this.compiled
      ? this.compiled.fast
      : fastSource(templateTexts(dirs, TEMPLATES), { ...ENV_OPTIONS }, (why) => (this.slowPath = why));
    this.host = lazyHost(templateGlobals(this.i18n), () => {
      const lib = loadNunjucks();
      const loader = this.compiled
        ? new lib.PrecompiledLoader(this.compiled.templates as never)
        : new lib.FileSystemLoader(this.dirs, { noCache: false });
      const env = new lib.Environment(loader, { ...ENV_OPTIONS });
      addGlobals(env, this.i18n);
      return env;
    });
    this.render = renderWith(this.host, opts.nunjucksOnly ? null : fast, warnOnce(this.fellBack));
    this.assets = new SiteAssets(dirs);
    const card = (p: PostModel) => this.render('_card.njk', { p });
    this.cards = new Cards((p) => this.fmt.model(p), card, !!opts.themeDir);
    this.css = this.assets.css;
  }

  /** nunjucks' Environment, made when first needed: the compiled templates render without one. */
  private get env(): nunjucks.Environment {
    return this.host.env();
  }

  /** The template folders, the theme's first. */
  get dirs(): string[] {
    return this.opts.themeDir ? [this.opts.themeDir, this.opts.templatesDir] : [this.opts.templatesDir];
  }

  /**
   * Compiles every template the site uses, so a missing file or a mistake in one is found when Meshline starts,
   * named with its file and line, not halfway through a render.
   */
  checkTemplates(): TemplateProblem[] {
    return this.compiled ? [] : templateProblems(this.env, this.dirs, TEMPLATES);
  }

  /** Forgets the cards: posts may have changed since the last render. `shelf`: where a full render keeps them. */
  newRender(shelf?: CardShelf): void {
    this.cards.clear(shelf);
    this.fmt.keepPageBodies = !shelf;
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
      timeScript: this.assets.time.path,
      embedScript: this.assets.embed.path,
      hasRooms: this.hasRooms,
      hasSearch: this.hasSearch,
    };
    // Every page links feeds (README): a page of no timeline of its own offers the site's.
    const feeds = ctx.feeds ? {} : { feeds: this.feedLinks(HOME_META), feedTitle: this.opts.title };
    return this.render(template, { site, ...feeds, ...ctx });
  }

  /** The site's icon (templates/assets/favicon.svg), at a fixed address so browsers and feed readers find it. */
  get icon(): Asset {
    return this.assets.icon;
  }

  /** The page for addresses the site does not have (the preview server's and S3 website's error document). */
  notFound(): string {
    return this.page('404.njk', { section: '', title: this.i18n.t('notFound.title') });
  }

  private feedLinks(meta: Pick<TimelineMeta, 'dir'>) {
    return {
      rss: this.fmt.url(meta.dir + FEED_FILES.rss),
      atom: this.fmt.url(meta.dir + FEED_FILES.atom),
      json: this.fmt.url(meta.dir + FEED_FILES.json),
    };
  }

  /** A timeline's name as readers see it (the mesh's in the site's language). */
  nameOf(meta: TimelineMeta): string {
    return meta.kind === 'mesh' ? this.i18n.t('timeline.mesh') : meta.title;
  }

  private timelineCtx(meta: TimelineMeta) {
    const sections = {
      home: 'home',
      person: 'people',
      tag: 'tags',
      room: 'rooms',
      mesh: 'mesh',
      remote: 'mesh',
      network: 'home',
    };
    const name = this.nameOf(meta);
    const t = (key: string, vars = {}) => this.i18n.t(key, vars);
    const intros: Partial<Record<TimelineMeta['kind'], string>> = {
      home: this.opts.description,
      tag: t('timeline.tagged', { tag: meta.title }),
      mesh: t('timeline.meshIntro'),
    };
    const o = meta.origin;
    return {
      section: sections[meta.kind],
      intro: intros[meta.kind] ?? '',
      description: intros[meta.kind] ?? t('timeline.of', { name, site: this.opts.title }),
      origin: o && { host: o.host, href: o.url },
      meshUrl: meta.kind === 'home' && this.hasMesh ? this.fmt.url('mesh/index.html') : null,
      networks:
        meta.kind === 'home' && this.networks.length > 1
          ? this.networks.map((n) => ({ label: networkLabel(n), url: this.fmt.url(`${networkDir(n)}index.html`) }))
          : [],
      heading: name,
      feeds: this.feedLinks(meta),
      feedTitle: name,
      title: meta.kind === 'home' ? '' : name,
    };
  }

  /** The front page of a timeline: its newest posts. */
  timelineIndex(
    meta: TimelineMeta,
    posts: readonly PostView[],
    oldestShownSeq: number,
    pinned: readonly PostView[] = [],
    sortable = false,
    profile?: ProfileView,
    months = false,
  ): string {
    const older = oldestShownSeq > 1 ? pageOf(oldestShownSeq - 1, this.opts.pageSize) : 0;
    return this.page('timeline.njk', {
      ...this.timelineCtx(meta),
      ...(profile ? profileContext(profile, this.fmt, this.i18n) : {}),
      numbers: older ? pageNumbers(older + 1, older, (n) => this.fmt.url(archivePagePath(meta.dir, n))) : [],
      months: months ? this.fmt.url(meta.dir + MONTHS_FILE) : null,
      pinned: pinned.map((p) => this.cards.forList(p)),
      sorts: sortable ? this.sortSwitch(meta, 'recent') : null,
      posts: posts.map(this.cards.forList, this.cards),
      newer: null,
      older: indexOlderLink(meta, oldestShownSeq, this.opts.pageSize, (p) => this.fmt.url(p)),
      canonical: this.fmt.url(meta.dir + 'index.html', true),
    });
  }

  /** The switch between a timeline's orders, when it has sorted views (`current`: the one shown). */
  sortSwitch(meta: TimelineMeta, current: string): { label: string; url: string; current: boolean }[] {
    const orders = [
      ['recent', this.i18n.t('sort.recent'), 'index.html'],
      ...SORTS.map((s) => [s, this.i18n.t(`sort.${s}`), `${s}/index.html`]),
    ];
    return orders.map(([key, label, path]) => ({
      label: label!,
      url: this.fmt.url(meta.dir + path!),
      current: key === current,
    }));
  }

  sortedPage(meta: TimelineMeta, sort: Sort, page: number, count: number, posts: readonly PostView[]): string {
    const label = this.i18n.t(`sort.${sort}`);
    const url = (p: number) => this.fmt.url(`${meta.dir}${sort}/${p === 1 ? 'index' : p}.html`);
    const name = this.nameOf(meta);
    return this.page('timeline.njk', {
      ...this.timelineCtx(meta),
      title: titled(name, meta, label),
      heading: `${name} · ${label}`,
      intro: this.i18n.t(`sort.${sort}.intro`),
      sorts: this.sortSwitch(meta, sort),
      pageLabel: count > 1 ? this.i18n.t('timeline.pageOf', { page, count }) : '',
      posts: posts.map(this.cards.forList, this.cards),
      newer: page > 1 ? url(page - 1) : null,
      older: page < count ? url(page + 1) : null,
      canonical: this.fmt.url(`${meta.dir}${sort}/${page === 1 ? 'index' : page}.html`, true),
      meshUrl: null,
    });
  }

  /** `posts`: views, or cards the render has (`cards.known`). */
  archivePage(meta: TimelineMeta, page: number, posts: readonly (PostView | { card: string })[]): string {
    return this.page('timeline.njk', {
      ...this.timelineCtx(meta),
      title: titled(this.nameOf(meta), meta, this.i18n.t('timeline.pageTitle', { page })),
      // No page count: it grows with every new page, and an archive page must not change when it does.
      pageLabel: this.i18n.t('timeline.pageNumber', { page }),
      posts: posts.map(this.cards.forList, this.cards),
      ...archivePager(meta, page, this.opts.pageSize, (p) => this.fmt.url(p)),
      canonical: this.fmt.url(archivePagePath(meta.dir, page), true),
    });
  }

  /** A conversation: its posts in reading order, replies indented under what they answer. */
  threadPage(root: number, posts: readonly { post: PostView; depth: number }[]): string {
    const first = posts[0]!.post;
    const heading = this.i18n.t('post.conversation');
    return this.page('thread.njk', {
      section: '',
      title: `${heading}: ${cutText(`${first.author.name}: ${first.text.replace(/\s+/g, ' ')}`, 50)}`,
      heading,
      description: cutText(first.text.replace(/\s+/g, ' ').trim(), 200),
      posts: posts.map((x) => ({ p: this.cards.forList(x.post), depth: Math.min(x.depth, 6) })),
      canonical: this.fmt.url(threadPath(root), true),
    });
  }

  /** A timeline's months, newest first, each leading to the archive page where it begins. */
  monthsPage(meta: TimelineMeta, months: readonly { at: number; page: number }[]): string {
    const name = this.nameOf(meta);
    // Made once: a full render writes a months page for each of thousands of timelines.
    const label = (this.monthLabel ??= new Intl.DateTimeFormat(this.opts.lang === 'en' ? 'en-GB' : this.opts.lang, {
      year: 'numeric',
      month: 'long',
      timeZone: this.opts.timeZone,
    }));
    const items = [...months].reverse().map((m) => ({
      url: this.fmt.url(archivePagePath(meta.dir, m.page)),
      label: label.format(m.at),
    }));
    return this.page('list.njk', {
      ...this.timelineCtx(meta),
      title: titled(name, meta, this.i18n.t('timeline.months')),
      heading: `${name} · ${this.i18n.t('timeline.months')}`,
      items,
      listClass: 'months-list',
      canonical: this.fmt.url(meta.dir + MONTHS_FILE, true),
    });
  }

  private monthLabel: Intl.DateTimeFormat | undefined;

  permalink(post: PostView): string {
    const p = this.cards.withModel(post);
    // Search engines and tabs cut titles near 70 characters, the site's name included.
    const full = `${post.author.name}: ${post.text.replace(/\s+/g, ' ')}`;
    const room = Math.max(20, 66 - this.opts.title.length);
    const title = cutText(full, room);
    const image = post.attachments.find((a) => a.kind === 'image' && a.path !== null);
    const replies = (post.replies ?? []).map((r) => ({
      ...r,
      url: this.fmt.url(permalinkPath(r.id, r.slug)),
      authorUrl: this.fmt.url(`${personDir(r.author.handle)}index.html`),
      iso: new Date(r.at).toISOString(),
      display: this.fmt.when(r.at),
    }));
    return this.page('post.njk', {
      p,
      replies,
      threadUrl: post.threadRoot !== undefined ? this.fmt.url(threadPath(post.threadRoot)) : null,
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
    return renderFeeds({ ...meta, title: this.nameOf(meta) }, this.fmt.models(posts, true), this.fmt, site, removed);
  }
}
