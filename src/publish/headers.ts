// Content-Type and Cache-Control of every file the site has, by its path. Pure.
import { mimeOf } from '../core/media-types.ts';
import { isFeedPath } from '../core/paths.ts';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  // A feed's detached signature: base64 text.
  sig: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  opml: 'text/x-opml; charset=utf-8',
};

/** Feeds get their own media types, so feed readers and browsers know them for what they are. */
const FEEDS: Record<string, string> = {
  'feed.xml': 'application/rss+xml; charset=utf-8',
  'atom.xml': 'application/atom+xml; charset=utf-8',
  'feed.json': 'application/feed+json; charset=utf-8',
};

export function contentType(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (isFeedPath(path)) return FEEDS[name]!;
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  // Mirrored files (PDFs, audio, video…) by the kinds Meshline mirrors.
  return TYPES[ext] ?? mimeOf(name);
}

export type CacheClass = 'assets' | 'pages' | 'timelines';

/** Assets carry their content hash in their name; permalinks and older archive pages rarely change; the rest often. */
export function cacheClass(path: string): CacheClass {
  if (/^assets\/.*-[0-9a-f]{8,}\.[a-z0-9]+$/.test(path)) return 'assets';
  if (path.startsWith('posts/') || /\/page\/\d+\.html$/.test(path) || /^page\/\d+\.html$/.test(path)) return 'pages';
  return 'timelines';
}
