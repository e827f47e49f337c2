// `/.well-known/meshline.json`: what another site needs to follow this one — its key, its feeds and its people.
// Pure and deterministic: the same people give the same bytes. The format is docs/MESH.md.
import { FEED_FILES, SIGNATURE_SUFFIX, personDir } from '../core/paths.ts';
import type { PersonView } from '../core/views.ts';
import { TWTXT_FILE } from './twtxt.ts';

/** Bumped when a change would mislead a reader of the older format. */
export const MESH_FORMAT = 1;

export interface WellKnownSite {
  title: string;
  /** Absolute URL of `path` on this site. */
  url: (path: string) => string;
  publicKey: string;
  /** After a key rotation: the old key's signature over the new one. */
  keyChange?: { from: string; signature: string } | undefined;
  /** The X25519 key private posts for this site are sealed for, signed by the site key. */
  box?: { key: string; signature: string };
}

function feedsOf(dir: string, url: (path: string) => string) {
  return {
    json: url(dir + FEED_FILES.json),
    signature: url(dir + FEED_FILES.json + SIGNATURE_SUFFIX),
    atom: url(dir + FEED_FILES.atom),
    rss: url(dir + FEED_FILES.rss),
  };
}

export function wellKnown(site: WellKnownSite, people: readonly Pick<PersonView, 'handle' | 'name'>[]): string {
  const doc = {
    meshline: MESH_FORMAT,
    name: site.title,
    url: site.url(''),
    publicKey: site.publicKey,
    ...(site.keyChange ? { keyChange: { from: site.keyChange.from, signature: site.keyChange.signature } } : {}),
    ...(site.box ? { boxKey: site.box.key, boxKeySignature: site.box.signature } : {}),
    feeds: feedsOf('', site.url),
    people: people.map((p) => ({
      handle: p.handle,
      name: p.name,
      page: site.url(personDir(p.handle)),
      twtxt: site.url(personDir(p.handle) + TWTXT_FILE),
      feeds: feedsOf(personDir(p.handle), site.url),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
