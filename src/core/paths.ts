// The site's URL scheme, in one place: the relay links to permalinks, the renderer writes them.

export const PERMALINK_DIR = 'posts/';

export function permalinkPath(id: number, slug: string): string {
  return `${PERMALINK_DIR}${id}-${slug}.html`;
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

export function mediaPath(postId: number, n: number, hash: string, ext: string): string {
  return `${MEDIA_DIR}${postId}-${n}-${hash}.${ext}`;
}

export function mediaPrefix(postId: number): string {
  return `${MEDIA_DIR}${postId}-`;
}

export function personDir(handle: string): string {
  return `people/${handle}/`;
}

export function tagDir(tag: string): string {
  return `tags/${tag}/`;
}

export function roomDir(slug: string): string {
  return `rooms/${slug}/`;
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

/** Posts of followed sources: the mesh timeline here, remote people's pages below it by host. */
export const MESH_DIR = 'mesh/';

/** A host as a folder name: `their.site`, `127.0.0.1-8080`, `--1-` for [::1]. */
export function hostDir(host: string): string {
  return host.toLowerCase().replace(/[^a-z0-9.-]/g, '-');
}

/** `handle` is made folder-safe when stored (src/mesh/ingest.ts). */
export function remotePersonDir(host: string, handle: string): string {
  return `${MESH_DIR}${hostDir(host)}/${handle}/`;
}
