// Sitemaps (sitemaps.org 0.9) and the OPML list of feeds, as strings from plain data. No dates but the posts' own,
// so the same database gives the same bytes.
import { attr, element, xmlText } from './xml.ts';

const XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n';
const NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"';

/** The protocol's limit of addresses per file; Meshline's files hold far fewer (src/app/site-files.ts). */
export const SITEMAP_MAX_URLS = 50_000;

export function urlset(urls: readonly { loc: string; lastmod?: number }[]): string {
  if (urls.length > SITEMAP_MAX_URLS) throw new RangeError(`a sitemap holds at most ${SITEMAP_MAX_URLS} addresses`);
  const items = urls.map((u) =>
    element('url', [
      element('loc', xmlText(u.loc)),
      ...(u.lastmod ? [element('lastmod', new Date(u.lastmod).toISOString())] : []),
    ]),
  );
  return `${XML_HEAD}<urlset ${NS}>\n${items.join('\n')}\n</urlset>\n`;
}

export function sitemapIndex(locs: readonly string[]): string {
  const items = locs.map((loc) => element('sitemap', [element('loc', xmlText(loc))]));
  return `${XML_HEAD}<sitemapindex ${NS}>\n${items.join('\n')}\n</sitemapindex>\n`;
}

export interface FeedOutline {
  title: string;
  /** The RSS feed's address and the page it is the feed of. */
  xmlUrl: string;
  htmlUrl: string;
}

/** OPML 2.0: the site's feed, then its people's, tags' and rooms' in groups, for a feed reader to import at once. */
export function opml(title: string, site: FeedOutline, groups: readonly { title: string; feeds: FeedOutline[] }[]) {
  const outline = (f: FeedOutline) =>
    `<outline type="rss" text=${attr(f.title)} title=${attr(f.title)} xmlUrl=${attr(f.xmlUrl)} ` +
    `htmlUrl=${attr(f.htmlUrl)}/>`;
  const body = [
    outline(site),
    ...groups
      .filter((g) => g.feeds.length)
      .map((g) => `<outline text=${attr(g.title)}>\n${g.feeds.map(outline).join('\n')}\n</outline>`),
  ];
  const head = element('head', [element('title', xmlText(title))]);
  return `${XML_HEAD}<opml version="2.0">\n${head}\n${element('body', body)}\n</opml>\n`;
}
