// PostView → what templates show: URLs, formatted times, the body as safe HTML.
import type { MarkdownIt } from 'markdown-it';
import type { PostView } from '../core/views';
import { joinUrl, permalinkPath, personDir, roomDir, tagDir } from '../core/paths';
import { createMarkdown } from './markdown';

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
}

/** Encodes each path segment, so tags in any script make valid URLs. */
export function encodePath(path: string): string {
  return /^[A-Za-z0-9/._-]*$/.test(path) ? path : path.split('/').map(encodeURIComponent).join('/');
}

export class PostFormatter {
  private readonly md: MarkdownIt = createMarkdown();
  private readonly cache = new Map<string, string>();
  private readonly dateFmt: Intl.DateTimeFormat;
  private readonly dates = new Map<number, string>();

  constructor(private readonly base: string, private readonly siteUrl: string, timeZone: string) {
    this.dateFmt = new Intl.DateTimeFormat('en-GB', {
      timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
    });
  }

  /** Site-relative (base path) links for pages; absolute ones for feeds, which are read out of context. */
  url(path: string, absolute = false): string {
    return absolute ? joinUrl(this.siteUrl, encodePath(path)) : this.base + encodePath(path);
  }

  bodyHtml(p: PostView, absolute: boolean): string {
    const key = `${absolute ? 'a' : 'r'}${p.id}:${p.editedAt ?? 0}:${p.mentions.join(',')}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const mentions = new Set(p.mentions);
    const html = this.md.render(p.text, {
      links: {
        tag: (t: string) => this.url(`${tagDir(t)}index.html`, absolute),
        person: (h: string) => (mentions.has(h) ? this.url(`${personDir(h)}index.html`, absolute) : undefined),
      },
    });
    // Bounded so a full render of a large site keeps flat memory.
    if (this.cache.size >= 20_000) this.cache.clear();
    this.cache.set(key, html);
    return html;
  }

  // Intl formatting is the costliest step of a post; a post shows on several timelines, so remember it.
  private displayDate(at: number): string {
    let d = this.dates.get(at);
    if (d === undefined) {
      if (this.dates.size >= 50_000) this.dates.clear();
      this.dates.set(at, (d = this.dateFmt.format(at)));
    }
    return d;
  }

  model(p: PostView, absolute = false): PostModel {
    const path = permalinkPath(p.id, p.slug);
    return {
      ...p,
      html: this.bodyHtml(p, absolute),
      url: this.url(path, absolute),
      absoluteUrl: this.url(path, true),
      authorUrl: this.url(`${personDir(p.author.handle)}index.html`, absolute),
      roomUrl: p.room ? this.url(`${roomDir(p.room.slug)}index.html`, absolute) : null,
      iso: new Date(p.at).toISOString(),
      display: this.displayDate(p.at),
      edited: p.editedAt !== null,
      tagLinks: p.tags.map((tag) => ({ tag, url: this.url(`${tagDir(tag)}index.html`, absolute) })),
    };
  }
}
