// From a pulled feed to what the store keeps of it: authors made folder-safe, text through the same rules as local
// text, mentions of people here, replies to posts here, blocked sites and people left out. Pure.
import type { RemoteAuthor, RemoteBatch, RemotePostIn } from '../core/jobs.ts';
import { localPostId } from '../core/paths.ts';
import { capText, cleanName, extractRemoteMentions, toHandle } from '../core/text.ts';
import type { RemoteFeed, RemoteItem } from './items.ts';

export interface BatchContext {
  /** This site's address: @handle@its-host is someone here, and its posts/ are its posts. */
  siteUrl: string;
  home: boolean;
  blocked: (author: { site: string; handle: string }) => boolean;
}

/** Where a source's posts come from: a Meshline site's root, or any other feed's origin. */
export interface SourceSite {
  site: string;
  meshline: boolean;
  /** Signed by a pinned key: an empty feed is believed (everything was removed), not taken for a fault. */
  signed: boolean;
}

export function siteOf(resolved: { feed: string; site?: string; signature?: string }): SourceSite {
  if (resolved.site) {
    const root = resolved.site.replace(/\.well-known\/meshline\.json$/, '');
    return { site: root, meshline: true, signed: Boolean(resolved.signature) };
  }
  return { site: `${new URL(resolved.feed).origin}/`, meshline: false, signed: false };
}

function author(i: RemoteItem, feedTitle: string, s: SourceSite): RemoteAuthor {
  const name = cleanName(i.author.name === 'someone' && feedTitle ? feedTitle : i.author.name) || 'someone';
  return { site: s.site, handle: toHandle(i.author.handle ?? name), name, url: i.author.url, meshline: s.meshline };
}

export function toBatch(source: string, s: SourceSite, feed: RemoteFeed, ctx: BatchContext): RemoteBatch {
  const host = new URL(ctx.siteUrl).host.toLowerCase();
  const items: RemotePostIn[] = [];
  for (const i of feed.items) {
    const a = author(i, feed.title, s);
    if (ctx.blocked(a)) continue;
    const text = capText(i.text);
    const replyUrl = i.replyTo ?? null;
    items.push({
      remoteId: i.id,
      url: i.url,
      text,
      at: i.at,
      editedAt: i.updatedAt !== null && i.updatedAt > i.at ? i.updatedAt : null,
      author: a,
      replyUrl,
      replyTo: replyUrl ? localPostId(replyUrl, ctx.siteUrl) : null,
      mentions: extractRemoteMentions(text).flatMap((m) => (m.host === host ? [m.handle] : [])),
    });
  }
  const oldest = feed.items.reduce((m, i) => Math.min(m, i.at), Number.POSITIVE_INFINITY);
  return {
    source,
    site: s.site,
    items,
    // An empty feed that nobody signed may be a fault at its end: keep what it had.
    keepOlderThan: feed.items.length ? oldest : s.signed ? null : Number.MAX_SAFE_INTEGER,
    home: ctx.home,
    ...(s.meshline && s.signed && feed.removed?.length ? { removedIds: feed.removed } : {}),
  };
}

/**
 * mesh.block: sites (a URL or a host) and people there (`@handle@host`). Returns the test a remote author is put to.
 */
export function blockList(entries: readonly string[]): (author: { site: string; handle: string }) => boolean {
  const hosts = new Set<string>();
  const sites: string[] = [];
  const people = new Set<string>();
  for (const e of entries.map((x) => x.trim())) {
    const person = /^@([^@\s]+)@(\S+)$/.exec(e);
    if (person) people.add(`${toHandle(person[1]!)}@${person[2]!.toLowerCase()}`);
    else if (/^https?:\/\//i.test(e)) sites.push(e.replace(/\/*$/, '/'));
    else hosts.add(e.toLowerCase());
  }
  return ({ site, handle }) => {
    const host = new URL(site).host.toLowerCase();
    return hosts.has(host) || sites.some((p) => site.startsWith(p)) || people.has(`${handle}@${host}`);
  };
}
