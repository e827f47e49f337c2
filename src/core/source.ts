// What can be followed, as people write it: a Meshline site or any feed by URL, `@handle@host` (a person there),
// `#tag@host`. Pure: parsing says what a source is and gives it one spelling, so `unfollow` finds what `follow` added.
import { handleKey, tagKey } from './names.ts';
import { say, type Said } from './say.ts';

export type Source =
  /** A Meshline site, an RSS/Atom/JSON Feed or a twtxt file: which one is learnt at the first pull. */
  | { kind: 'url'; id: string; url: string }
  /** A person on a Meshline site, found in its /.well-known/meshline.json. */
  | { kind: 'person'; id: string; handle: string; site: string }
  | { kind: 'tag'; id: string; tag: string; site: string };

export type SourceKind = Source['kind'];

export const SOURCE_FORMS = 'a site or feed URL, @person@host or #tag@host';

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;

/** The site root a `@…@host` or `#…@host` names: https, except on loopback where TLS is rarely set up. */
export function siteRoot(host: string): string | undefined {
  let u: URL;
  try {
    u = new URL(`${LOOPBACK.test(host) ? 'http' : 'https'}://${host}/`);
  } catch {
    return undefined;
  }
  // Only a host (and port): no path, user or query hiding in it.
  return u.host.toLowerCase() === host.toLowerCase() && u.pathname === '/' && !u.username ? u.href : undefined;
}

/** Why a text is no source: in English, and as the bot says it (src/core/say.ts). */
export type SourceError = { error: string } & Said;

function problem(english: string, vars: Said['vars'] = {}): SourceError {
  return { error: say(undefined, english, vars), say: english, vars };
}

export function parseSource(text: string): Source | SourceError {
  const s = text.trim();
  const named = /^([@#])([^@\s]+)@(\S+)$/u.exec(s);
  if (named) {
    const site = siteRoot(named[3]!);
    if (!site) return problem('"{text}" is not a host name', { text: named[3]! });
    const host = new URL(site).host;
    if (named[1] === '@') {
      const handle = handleKey(named[2]!);
      if (!handle) return problem('"{text}" is not a handle', { text: named[2]! });
      return { kind: 'person', id: `@${handle}@${host}`, handle, site };
    }
    const tag = tagKey(named[2]!);
    // A tag is a folder name there: nothing that could climb out of tags/ or change the URL.
    if (!tag || /[/\\?#%]/.test(tag) || /^\.{1,2}$/.test(tag))
      return problem('"{text}" is not a tag', { text: named[2]! });
    return { kind: 'tag', id: `#${tag}@${host}`, tag, site };
  }
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return problem('"{text}" is not a source: {forms}', { text: s, forms: SOURCE_FORMS });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return problem('"{text}" is not a web address', { text: s });
  if (u.username || u.password) return problem('a source address must not carry a user name or password');
  u.hash = '';
  return { kind: 'url', id: u.href, url: u.href };
}
