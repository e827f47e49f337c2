// The site's URL scheme, in one place: the relay links to permalinks, the renderer writes them.
import { createHmac } from 'node:crypto';

/**
 * A private site's addresses say nothing of its people, tags, rooms or texts (docs/PRIVATE.md): each such name in a
 * path is a keyed hash of it, and permalinks carry no words. Set once, where the site is opened (and in the permalink
 * worker); the same key always gives the same addresses.
 */
let mask: ((kind: string, name: string) => string) | undefined;

export function maskNames(key: Buffer | undefined): void {
  mask = key && ((kind, name) => createHmac('sha256', key).update(`${kind}\0${name}`).digest('base64url').slice(0, 16));
}

const shown = (kind: string, name: string) => (mask ? mask(kind, name) : name);

/** Paths on another Meshline site, which names things plainly whatever this site does. */
export const plainPersonDir = (handle: string) => `people/${handle}/`;
export const plainTagDir = (tag: string) => `tags/${tag}/`;

export const PERMALINK_DIR = 'posts/';

export function permalinkPath(id: number, slug: string): string {
  return `${PERMALINK_DIR}${id}-${mask ? 'p' : slug}.html`;
}

/** The id of the site's post that `url` is the permalink of, or null. */
export function localPostId(url: string, siteUrl: string): number | null {
  const prefix = `${siteUrl.replace(/\/+$/, '')}/${PERMALINK_DIR}`;
  if (!url.startsWith(prefix)) return null;
  const m = /^(\d{1,15})-[^/]*\.html$/.exec(url.slice(prefix.length));
  return m ? Number(m[1]) : null;
}

/** Every file of a post's permalink starts with this, whatever its slug. */
export function permalinkPrefix(id: number): string {
  return `${PERMALINK_DIR}${id}-`;
}

/** Mirrored attachments: named after their post, so they go when it goes. */
export const MEDIA_DIR = 'media/';
/** People's avatars, mirrored from their networks: `avatars/<person id>-<hash>.<ext>`. */
export const AVATAR_DIR = 'avatars/';
/** Files every site has at fixed addresses: its 404 page, icon, sitemap index and OPML list of feeds. */
export const NOT_FOUND_PAGE = '404.html';
export const FAVICON_PATH = 'favicon.svg';
export const SITEMAP_PATH = 'sitemap.xml';
export const OPML_PATH = 'feeds.opml';
/** In a timeline's folder: its months, each leading to the archive page where it begins. */
export const MONTHS_FILE = 'months.html';
/** A network's timeline: its posts, whoever wrote them. */
export const networkDir = (network: string) => `networks/${network}/`;
/** A conversation's page, named by the post that starts it. */
export const THREAD_DIR = 'threads/';
export const threadPath = (root: number) => `${THREAD_DIR}${root}.html`;

export function mediaPath(postId: number, n: number, hash: string, ext: string): string {
  return `${MEDIA_DIR}${postId}-${n}-${hash}.${ext}`;
}

export function mediaPrefix(postId: number): string {
  return `${MEDIA_DIR}${postId}-`;
}

export function personDir(handle: string): string {
  return plainPersonDir(shown('person', handle));
}

export function tagDir(tag: string): string {
  return plainTagDir(shown('tag', tag));
}

export function roomDir(slug: string): string {
  return `rooms/${shown('room', slug)}/`;
}

export const FEED_FILES = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' } as const;

/** Beside every JSON Feed: the site key's detached signature over the feed's bytes (docs/MESH.md). */
export const SIGNATURE_SUFFIX = '.sig';

/** Where a site says who it is on the mesh: its key, its feeds, its people (docs/MESH.md). */
export const WELL_KNOWN_PATH = '.well-known/meshline.json';

const FEED_NAMES: readonly string[] = Object.values(FEED_FILES);

export function isFeedPath(path: string): boolean {
  return FEED_NAMES.includes(path.slice(path.lastIndexOf('/') + 1));
}

export function archivePagePath(dir: string, page: number): string {
  return `${dir}page/${page}.html`;
}

export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, '');
}

/** Sealed copies of private posts for other sites (docs/MESH.md): `inbox/<name>.json`, listed in `inbox/index.json`. */
export const INBOX_DIR = 'inbox/';
export const INBOX_INDEX = `${INBOX_DIR}index.json`;

/** A private site's feeds for a member's feed reader: the home feeds in clear at an address only they know. */
export const capabilityDir = (token: string) => `f/${token}/`;
export const CAPABILITY_FILE = /^f\/[A-Za-z0-9_-]{43}\/(feed\.xml|atom\.xml|feed\.json)$/;

/** Posts of followed sources: the mesh timeline here, remote people's pages below it by host. */
export const MESH_DIR = 'mesh/';

/** A host as a folder name: `their.site`, `127.0.0.1-8080`, `--1-` for [::1]. */
export function hostDir(host: string): string {
  return host.toLowerCase().replace(/[^a-z0-9.-]/g, '-');
}

/** `handle` is made folder-safe when stored (src/mesh/ingest.ts). */
export function remotePersonDir(host: string, handle: string): string {
  return mask ? `${MESH_DIR}${mask('remote', `${host}/${handle}`)}/` : `${MESH_DIR}${hostDir(host)}/${handle}/`;
}
