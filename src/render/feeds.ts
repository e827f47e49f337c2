// RSS 2.0, Atom 1.0 and JSON Feed for one timeline, from the posts passed in. No clock: `updated` is the newest post's time.
import { Feed } from 'feed';
import type { TimelineMeta } from '../core/views';
import { FEED_FILES } from '../core/paths';
import type { PostFormatter, PostModel } from './view';

export interface FeedSet { rss: string; atom: string; json: string }

function itemTitle(p: PostModel): string {
  const text = p.text.replace(/\s+/g, ' ');
  const short = text.length > 80 ? text.slice(0, 79) + '…' : text;
  if (p.kind === 'status') return `${p.author.name}${p.presence === 'away' ? ' (away)' : ''}: ${short}`;
  if (p.action) return `* ${p.author.name} ${short}`;
  return p.room ? `${p.author.name} in ${p.room.name}: ${short}` : `${p.author.name}: ${short}`;
}

export function renderFeeds(meta: TimelineMeta, posts: readonly PostModel[], fmt: PostFormatter, siteTitle: string, lang: string): FeedSet {
  const home = fmt.url(meta.dir + 'index.html', true);
  const newest = posts.reduce((m, p) => Math.max(m, p.editedAt ?? p.at), 0);
  const feed = new Feed({
    id: home,
    title: meta.kind === 'home' ? siteTitle : `${meta.title} · ${siteTitle}`,
    link: home,
    description: meta.kind === 'home' ? siteTitle : meta.title,
    language: lang,
    updated: new Date(newest),
    generator: 'Meshline',
    feedLinks: {
      rss: fmt.url(meta.dir + FEED_FILES.rss, true),
      atom: fmt.url(meta.dir + FEED_FILES.atom, true),
      json: fmt.url(meta.dir + FEED_FILES.json, true),
    },
  });
  for (const p of posts) {
    feed.addItem({
      title: itemTitle(p),
      id: p.absoluteUrl,
      link: p.absoluteUrl,
      date: new Date(p.editedAt ?? p.at),
      published: new Date(p.at),
      content: p.html,
      author: [{ name: p.author.name, link: p.authorUrl }],
      category: p.tags.map((t) => ({ name: t, term: t })),
    });
  }
  return { rss: feed.rss2(), atom: feed.atom1(), json: feed.json1() };
}
