// RSS 2.0, Atom 1.0 and JSON Feed 1.1 for one timeline, from the posts passed in. No clock: `updated` is the
// newest post's time. Written here rather than by a feed library: every string is escaped as XML text (never
// CDATA, whose `]]>` a library escaped only once), titles are plain text in every format, and characters XML
// cannot carry are dropped, so a feed is well-formed and inert for any input under any content type.
import type { TimelineMeta } from '../core/views.ts';
import { FEED_FILES } from '../core/paths.ts';
import { cutText } from '../core/names.ts';
import type { PostFormatter, PostModel } from './view.ts';
import { attr, element, xmlText } from './xml.ts';

export interface FeedSet {
  rss: string;
  atom: string;
  json: string;
}

const TITLE_CHARS = 80;

/** A plain-text title: who, where, and the start of the text, cut between graphemes. */
export function itemTitle(p: Pick<PostModel, 'text' | 'kind' | 'presence' | 'action' | 'author' | 'room'>): string {
  const short = cutText(p.text.replace(/\s+/g, ' ').trim(), TITLE_CHARS) || '…';
  if (p.kind === 'status') return `${p.author.name}${p.presence === 'away' ? ' (away)' : ''}: ${short}`;
  if (p.action) return `* ${p.author.name} ${short}`;
  return p.room ? `${p.author.name} in ${p.room.name}: ${short}` : `${p.author.name}: ${short}`;
}

interface Channel {
  title: string;
  description: string;
  home: string;
  links: { rss: string; atom: string; json: string };
  updated: Date;
  lang: string;
}

/** What every feed of a site says of it. */
export interface FeedSite {
  title: string;
  description: string;
  lang: string;
  /** When the site began (its store's first migration): an empty feed's date, rather than 1970 or the clock's. */
  since: number;
}

export function renderFeeds(
  meta: TimelineMeta,
  posts: readonly PostModel[],
  fmt: PostFormatter,
  site: FeedSite,
  /** Ids of posts removed from this timeline, for sites that follow it (JSON Feed only). */
  removed: readonly number[] = [],
): FeedSet {
  let newest = 0;
  for (const p of posts) newest = Math.max(newest, p.editedAt ?? p.at);
  newest ||= site.since;
  const ch: Channel = {
    title: meta.kind === 'home' ? site.title : `${meta.title} · ${site.title}`,
    description: meta.kind === 'home' ? site.description : `${meta.title} · ${site.description}`,
    home: fmt.url(meta.dir + 'index.html', true),
    links: {
      rss: fmt.url(meta.dir + FEED_FILES.rss, true),
      atom: fmt.url(meta.dir + FEED_FILES.atom, true),
      json: fmt.url(meta.dir + FEED_FILES.json, true),
    },
    updated: new Date(newest),
    lang: site.lang,
  };
  return { rss: rss(ch, posts), atom: atom(ch, posts), json: json(ch, posts, removed) };
}

/** A post's files the site serves (mirrored, with their type and size): enclosures and attachments in feeds. */
function enclosures(p: PostModel): { href: string; type: string; bytes: number; name: string }[] {
  return p.files.flatMap((f) =>
    f.href && f.type && f.bytes ? [{ href: f.href, type: f.type, bytes: f.bytes, name: f.name }] : [],
  );
}

/** JSON Feed's `attachments` of a post, when it has files the site serves. */
function jsonAttachments(p: PostModel): { attachments?: object[] } {
  const files = enclosures(p);
  if (!files.length) return {};
  return { attachments: files.map((f) => ({ url: f.href, mime_type: f.type, title: f.name, size_in_bytes: f.bytes })) };
}

const XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n';

/**
 * RSS does not say whether a title (or a name) is text or HTML, and readers guess (feedparser calls it HTML once it
 * sees an entity or a closing tag). Escaped as HTML, a title reads as the same text either way: `a<b` stays `a<b`,
 * `&lt;` stays `&lt;`, `<b>` is never bold.
 */
function rssText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// Items are made by top-level functions, not closures made per feed: V8 optimizes every new closure again.
function rssItem(p: PostModel): string {
  const parts = [
    element('title', xmlText(rssText(itemTitle(p)))),
    element('link', xmlText(p.absoluteUrl)),
    `<guid isPermaLink="true">${xmlText(p.absoluteUrl)}</guid>`,
    element('pubDate', new Date(p.at).toUTCString()),
    element('dc:creator', xmlText(rssText(p.author.name))),
  ];
  for (const t of p.tags) parts.push(element('category', xmlText(rssText(t))));
  for (const f of enclosures(p))
    parts.push(`<enclosure url=${attr(f.href)} length="${f.bytes}" type=${attr(f.type)}/>`);
  parts.push(element('description', xmlText(p.html)));
  return element('item', parts);
}

function rss(ch: Channel, posts: readonly PostModel[]): string {
  const items = posts.map(rssItem);
  const channel = element('channel', [
    element('title', xmlText(rssText(ch.title))),
    element('link', xmlText(ch.home)),
    element('description', xmlText(rssText(ch.description))),
    element('language', xmlText(ch.lang)),
    element('lastBuildDate', ch.updated.toUTCString()),
    element('docs', 'https://www.rssboard.org/rss-specification'),
    element('generator', 'Meshline'),
    `<atom:link href=${attr(ch.links.rss)} rel="self" type="application/rss+xml"/>`,
    ...items,
  ]);
  const ns = 'xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/"';
  return `${XML_HEAD}<rss version="2.0" ${ns}>\n${channel}\n</rss>\n`;
}

function atomEntry(p: PostModel): string {
  const parts = [
    `<title type="text">${xmlText(itemTitle(p))}</title>`,
    element('id', xmlText(p.absoluteUrl)),
    `<link rel="alternate" type="text/html" href=${attr(p.absoluteUrl)}/>`,
    element('published', new Date(p.at).toISOString()),
    element('updated', new Date(p.editedAt ?? p.at).toISOString()),
    element('author', [element('name', xmlText(p.author.name)), element('uri', xmlText(p.authorUrl))]),
  ];
  for (const t of p.tags) parts.push(`<category term=${attr(t)}/>`);
  for (const f of enclosures(p))
    parts.push(`<link rel="enclosure" href=${attr(f.href)} type=${attr(f.type)} length="${f.bytes}"/>`);
  parts.push(`<content type="html">${xmlText(p.html)}</content>`);
  return element('entry', parts);
}

function atom(ch: Channel, posts: readonly PostModel[]): string {
  const entries = posts.map(atomEntry);
  const feed = [
    `<title type="text">${xmlText(ch.title)}</title>`,
    `<subtitle type="text">${xmlText(ch.description)}</subtitle>`,
    element('id', xmlText(ch.home)),
    `<link rel="alternate" type="text/html" href=${attr(ch.home)}/>`,
    `<link rel="self" type="application/atom+xml" href=${attr(ch.links.atom)}/>`,
    element('updated', ch.updated.toISOString()),
    element('generator', 'Meshline'),
    ...entries,
  ];
  const open = `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang=${attr(ch.lang)}>`;
  return `${XML_HEAD}${open}\n${feed.join('\n')}\n</feed>\n`;
}

/** JSON Feed's extension for Meshline (docs/MESH.md): the author's handle here, and the post this one answers. */
function meshlineExtension(p: PostModel): { handle: string; in_reply_to?: string } {
  return { handle: p.author.handle, ...(p.replyUrl ? { in_reply_to: p.replyUrl } : {}) };
}

function jsonItem(p: PostModel): object {
  return {
    id: p.absoluteUrl,
    url: p.absoluteUrl,
    title: itemTitle(p),
    content_html: p.html,
    // The text as written, for Meshline sites that follow this one (they render it their own way).
    content_text: p.text,
    date_published: new Date(p.at).toISOString(),
    date_modified: new Date(p.editedAt ?? p.at).toISOString(),
    authors: [{ name: p.author.name, url: p.authorUrl }],
    // JSON Feed 1.0 readers know only `author`.
    author: { name: p.author.name, url: p.authorUrl },
    ...(p.tags.length ? { tags: p.tags } : {}),
    ...jsonAttachments(p),
    ...(p.origin ? {} : { _meshline: meshlineExtension(p) }),
  };
}

function json(ch: Channel, posts: readonly PostModel[], removed: readonly number[]): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: ch.title,
    home_page_url: ch.home,
    feed_url: ch.links.json,
    description: ch.description,
    language: ch.lang,
    items: posts.map(jsonItem),
    // Posts that were here and are gone, for followers that keep copies (docs/MESH.md).
    ...(removed.length ? { _meshline: { removed } } : {}),
  };
  return JSON.stringify(feed, null, 2) + '\n';
}
