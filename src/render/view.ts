// PostView → what templates show: URLs, formatted times, the body as safe HTML.
import type { MarkdownIt } from 'markdown-it';
import type { Attachment, PostView } from '../core/views.ts';
import { mimeOf } from '../core/media-types.ts';
import { networkLabel } from './people.ts';
import { joinUrl, permalinkPath, personDir, plainPersonDir, plainTagDir, roomDir, tagDir } from '../core/paths.ts';
import { siteRoot } from '../core/source.ts';
import { createMarkdown, renderBody, type BodyLinks } from './markdown.ts';
import { englishDayUtc, isEnglish } from './english.ts';

export interface PostModel extends PostView {
  html: string;
  url: string;
  absoluteUrl: string;
  authorUrl: string;
  roomUrl: string | null;
  iso: string;
  display: string;
  edited: boolean;
  tagLinks: { tag: string; url: string }[];
  /** Images mirrored into the site are shown; everything else is a link to where it came from. */
  files: FileModel[];
  replyUrl: string | null;
  /** The network it came from, as readers know it (IRC, XMPP, Matrix, mesh). */
  networkLabel: string;
  /** Its video cards, thumbnails as addresses. */
  videos: (NonNullable<PostView['videos']>[number] & { label: string })[];
  /** An echo: the post it shows, ready to show. */
  echoModel?: PostModel;
}

/** A file of a post as pages and feeds show it; `type` and `bytes` only for mirrored ones (feed enclosures). */
export interface FileModel {
  image: boolean;
  name: string;
  href: string | null;
  type?: string;
  bytes?: number;
  width?: number;
  height?: number;
}

function fileModel(a: Attachment, href: string | null): FileModel {
  const mirrored = a.path !== null;
  return {
    image: a.kind === 'image' && mirrored,
    name: a.name,
    href,
    ...(mirrored && a.bytes ? { type: mimeOf(a.path!), bytes: a.bytes } : {}),
    ...(mirrored && a.width && a.height ? { width: a.width, height: a.height } : {}),
  };
}

const VIDEO_LABELS = { youtube: 'YouTube', vimeo: 'Vimeo', peertube: 'PeerTube' } as const;

/** Encodes each path segment, so tags in any script make valid URLs. */
export function encodePath(path: string): string {
  return /^[A-Za-z0-9/._-]*$/.test(path) ? path : path.split('/').map(encodeURIComponent).join('/');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** How times are shown: en-GB's short date and 24-hour time, with the zone's name. */
export const DATE_FORMAT: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
};

/** "22 Nov 2026, 04:22 UTC", as Intl writes DATE_FORMAT in en-GB. */
export function formatUtc(at: number): string {
  const d = new Date(at);
  const two = (n: number) => (n < 10 ? '0' : '') + n;
  return (
    `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())} UTC`
  );
}

/** How many bodies and dates a formatter remembers. */
const CACHE_LIMIT = 20_000;

/**
 * Where one post's #tags and @mentions lead. A class, not closures made per post: V8 optimizes every new closure
 * again. A followed site's post: its tags and plain @mentions are pages there (on a Meshline site); @handle@this.site
 * is someone here.
 */
class PostLinks implements BodyLinks {
  private readonly mentions: Set<string>;

  constructor(
    private readonly f: Pick<PostFormatter, 'url'>,
    private readonly host: string,
    private readonly p: PostView,
    private readonly absolute: boolean,
  ) {
    this.mentions = new Set(p.mentions);
  }

  tag(t: string): string | undefined {
    if (!this.p.origin) return this.f.url(`${tagDir(t)}index.html`, this.absolute);
    return this.there(`${plainTagDir(t)}index.html`);
  }

  person(h: string): string | undefined {
    return this.p.origin ? this.there(`${plainPersonDir(h)}index.html`) : this.here(h);
  }

  remote(h: string, host: string): string | undefined {
    if (host === this.host) return this.here(h);
    const root = siteRoot(host);
    return root && `${root}${encodePath(plainPersonDir(h))}index.html`;
  }

  private here(h: string): string | undefined {
    return this.mentions.has(h) ? this.f.url(`${personDir(h)}index.html`, this.absolute) : undefined;
  }

  private there(path: string): string | undefined {
    const o = this.p.origin!;
    return o.meshline ? joinUrl(o.site, encodePath(path)) : undefined;
  }
}

export class PostFormatter {
  // Made when the first body with markup is rendered: plain lines, most chat, are written without markdown-it.
  private mdInstance: MarkdownIt | undefined;
  private get md(): MarkdownIt {
    return (this.mdInstance ??= createMarkdown());
  }
  private readonly cache = new Map<string, string>();
  /** Whether bodies rendered for pages (not feeds) are kept: not while a full render keeps the cards. */
  keepPageBodies = true;
  private readonly format: (at: number) => string;
  private readonly dates = new Map<number, string>();
  private readonly indexUrls = new Map<string, string>();
  private readonly siteRoot: string;
  /** This site's host, as @handle@host names it: such a mention is of someone here. */
  private readonly host: string;

  constructor(
    private readonly base: string,
    siteUrl: string,
    private readonly timeZone: string,
    private readonly lang = 'en',
  ) {
    this.siteRoot = joinUrl(siteUrl, '');
    this.host = new URL(siteUrl).host.toLowerCase();
    // English in UTC, the default, is formatted by hand: several times faster, the same bytes whatever ICU a machine
    // has, and no time zone data to load at start. English is written the British way (day, month, year; 24 hours).
    const english = isEnglish(lang);
    if (timeZone === 'UTC' && english) {
      this.format = formatUtc;
      return;
    }
    const intl = new Intl.DateTimeFormat(english ? 'en-GB' : lang, { ...DATE_FORMAT, timeZone });
    this.format = (at) => intl.format(at);
  }

  /** Site-relative (base path) links for pages; absolute ones for feeds, which are read out of context. */
  url(path: string, absolute = false): string {
    return (absolute ? this.siteRoot : this.base) + encodePath(path);
  }

  bodyHtml(p: PostView, absolute: boolean): string {
    const key = `${absolute ? 'a' : 'r'}${p.id}:${p.editedAt ?? 0}:${p.mentions.join(',')}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const html = renderBody(() => this.md, p.text, this.links(p, absolute));
    // Pages reuse a post's whole card (pages.ts) within a render; this serves the feeds' absolute bodies and a running
    // site's renders one after another. A full render keeps every card (src/app/card-file.ts): a page's body is not
    // asked for twice, and keeping 20,000 of them cost each thread ~10 MB.
    if (!absolute && !this.keepPageBodies) return html;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, html);
    return html;
  }

  /**
   * Where a body's #tags and @mentions lead. A followed site's post: its tags and plain @mentions are pages there (on
   * a Meshline site); @handle@this.site is someone here.
   */
  private links(p: PostView, absolute: boolean): BodyLinks {
    return new PostLinks(this, this.host, p, absolute);
  }

  /** A day (no time) in the site's language and zone: "since" on a person's page. */
  displayDay(at: number): string {
    if (this.format === formatUtc) return englishDayUtc(at);
    // Made once: a full render shows it on every person's page.
    this.dayFormat ??= new Intl.DateTimeFormat(this.lang === 'en' ? 'en-GB' : this.lang, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      timeZone: this.timeZone,
    });
    return this.dayFormat.format(at);
  }

  private dayFormat: Intl.DateTimeFormat | undefined;

  /** A time as pages show it, in the site's language and zone. */
  when(at: number): string {
    return this.displayDate(at);
  }

  // Intl formatting is the costliest step of a post; a post shows on several timelines, so remember it.
  private displayDate(at: number): string {
    let d = this.dates.get(at);
    if (d === undefined) {
      if (this.dates.size >= CACHE_LIMIT) this.dates.clear();
      this.dates.set(at, (d = this.format(at)));
    }
    return d;
  }

  /** URL of a folder's index page, remembered: the same people, rooms and tags link from every page. */
  private indexUrl(dir: string, absolute: boolean): string {
    const key = (absolute ? 'a' : 'r') + dir;
    let u = this.indexUrls.get(key);
    if (u === undefined) {
      if (this.indexUrls.size >= 50_000) this.indexUrls.clear();
      this.indexUrls.set(key, (u = this.url(`${dir}index.html`, absolute)));
    }
    return u;
  }

  /** Models of several posts (a loop: a callback made per feed is optimized again and again by V8). */
  models(posts: readonly PostView[], absolute = false): PostModel[] {
    const out: PostModel[] = [];
    for (const p of posts) out.push(this.model(p, absolute));
    return out;
  }

  model(p: PostView, absolute = false): PostModel {
    const path = permalinkPath(p.id, p.slug);
    // A followed site's post has no page here: it links to where it lives (or its author's page here).
    const o = p.origin;
    const absoluteUrl = o ? (o.url ?? this.url(`${o.authorDir}index.html`, true)) : this.url(path, true);
    return {
      id: p.id,
      slug: p.slug,
      kind: p.kind,
      text: p.text,
      presence: p.presence,
      at: p.at,
      editedAt: p.editedAt,
      action: p.action,
      network: p.network,
      author: p.author,
      room: p.room,
      tags: p.tags,
      mentions: p.mentions,
      reactions: p.reactions,
      attachments: p.attachments,
      replyTo: p.replyTo,
      replyUrl: p.replyTo ? (p.replyTo.url ?? this.url(permalinkPath(p.replyTo.id, p.replyTo.slug), absolute)) : null,
      files: p.attachments.map((a) => fileModel(a, a.path !== null ? this.url(a.path, absolute) : a.url || null)),
      html: this.bodyHtml(p, absolute),
      url: absolute || o ? absoluteUrl : this.url(path),
      absoluteUrl,
      authorUrl: this.indexUrl(o ? o.authorDir : personDir(p.author.handle), absolute),
      ...(o ? { origin: o } : {}),
      ...(p.score ? { score: p.score } : {}),
      ...(p.pinned ? { pinned: true } : {}),
      ...(p.echo ? { echoModel: this.model(p.echo, absolute) } : {}),
      roomUrl: p.room ? this.indexUrl(roomDir(p.room.slug), absolute) : null,
      networkLabel: networkLabel(p.network),
      videos: (p.videos ?? []).map((v) => ({
        ...v,
        thumb: v.thumb && this.url(v.thumb, absolute),
        label: VIDEO_LABELS[v.provider],
      })),
      iso: new Date(p.at).toISOString(),
      display: this.displayDate(p.at),
      edited: p.editedAt !== null,
      tagLinks: p.tags.map((tag) => ({ tag, url: this.indexUrl(tagDir(tag), absolute) })),
    };
  }
}
