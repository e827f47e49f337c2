// One pull of one followed source: find its feed (through the site's /.well-known/meshline.json for Meshline sites),
// fetch it conditionally, and for a Meshline site check the feed's signature against the pinned key (docs/MESH.md).
import { createPublicKey, verify } from 'node:crypto';
import { errorMessage } from '../core/errors.ts';
import type { PullRecord, SourceRow } from '../core/jobs.ts';
import { plainTagDir } from '../core/paths.ts';
import { guardedFetch, type FetchLimits } from '../net/fetch.ts';
import { isSealed } from '../site/private.ts';
import { boxKeyText } from './box.ts';
import { fingerprintOf, keyChangeText } from './identity.ts';
import { parseAnyFeed, type RemoteFeed } from './items.ts';
import { parseSource, type Source } from '../core/source.ts';

/** Where a source's items are: a Meshline site's signed JSON Feed, or any other feed (unsigned). */
export interface Resolved {
  feed: string;
  /** Set for a Meshline site: the feed's detached signature, checked with the site's key. */
  signature?: string;
  /** The site's /.well-known/meshline.json, for a Meshline site. */
  site?: string;
  /** Its box key (private posts are sealed for it), when its site key vouches for it. */
  boxKey?: string;
}

export interface SiteDoc {
  publicKey: string;
  boxKey?: string;
  boxKeySignature?: string;
  feeds: { json: string; signature: string };
  people: { handle: string; feeds: { json: string; signature: string } }[];
  keyChange?: { from: string; signature: string };
}

export interface PullResult {
  record: PullRecord;
  /** The site no longer has the person followed (they left, or were forgotten). */
  gone?: boolean;
  /** The feed's items when it changed; undefined when unchanged or refused. */
  feed?: RemoteFeed;
}

const KEY = /^[A-Za-z0-9+/]{43}=$/;

function publicKey(b64: string) {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(b64, 'base64').toString('base64url') },
    format: 'jwk',
  });
}

/** True when `signatureB64` is the key's Ed25519 signature over exactly `bytes`. */
export function verifySignature(bytes: Buffer, signatureB64: string, keyB64: string): boolean {
  try {
    return verify(null, bytes, publicKey(keyB64), Buffer.from(signatureB64.trim(), 'base64'));
  } catch {
    return false;
  }
}

export { keyChangeText };

class Refused extends Error {}

/** The site's box key when its site key (`key`) vouches for it. */
export function vouchedBox(doc: SiteDoc, key: string): string | undefined {
  const box = doc.boxKey;
  const ok = typeof box === 'string' && KEY.test(box);
  return ok && verifySignature(Buffer.from(boxKeyText(box)), String(doc.boxKeySignature ?? ''), key) ? box : undefined;
}
/** The site says the person (or tag) followed is not there any more: what came from them goes. */
class Gone extends Refused {}

function readSiteDoc(bytes: Buffer): SiteDoc {
  const doc = JSON.parse(bytes.toString('utf8')) as Partial<SiteDoc> & { meshline?: unknown };
  if (doc.meshline !== 1)
    throw new Refused(`not a Meshline site document of a version this site reads (${doc.meshline})`);
  if (typeof doc.publicKey !== 'string' || !KEY.test(doc.publicKey))
    throw new Refused('the site document has no valid publicKey');
  return doc as SiteDoc;
}

/** Opens what another private site of this site's group sealed (src/site/private.ts groupOpener). */
export type Opener = (bytes: Buffer) => Promise<Buffer | undefined>;

/** A fetch whose sealed answer is opened with the group's key, or refused when this site is not in that group. */
export async function fetchOpened(url: string, limits: FetchLimits, headers: Record<string, string>, open?: Opener) {
  const r = await guardedFetch(url, limits, headers);
  if (r.status !== 200 || !isSealed(r.bytes)) return r;
  const plain = open && (await open(r.bytes));
  if (!plain) throw new Refused(`${url} is sealed for a private group this site is not in`);
  return { ...r, bytes: plain };
}

export async function fetchSiteDoc(
  siteRoot: string,
  limits: FetchLimits,
  open?: Opener,
): Promise<{ url: string; doc: SiteDoc } | undefined> {
  const url = new URL('.well-known/meshline.json', siteRoot).href;
  const r = await fetchOpened(url, limits, { accept: 'application/json' }, open);
  if (r.status === 404 || r.status === 410) return undefined;
  if (r.status !== 200) throw new Error(`${url}: HTTP ${r.status}`);
  return { url, doc: readSiteDoc(r.bytes) };
}

function feedOf(source: Source, doc: SiteDoc, siteRoot: string): Resolved {
  if (source.kind === 'person') {
    const p = doc.people.find((x) => x.handle === source.handle);
    if (!p) throw new Gone(`${siteRoot} has nobody called @${source.handle}`);
    return { feed: p.feeds.json, signature: p.feeds.signature };
  }
  if (source.kind === 'tag') {
    const feed = new URL(`${plainTagDir(source.tag)}feed.json`, siteRoot).href;
    return { feed, signature: `${feed}.sig` };
  }
  return { feed: doc.feeds.json, signature: doc.feeds.signature };
}

/** The key to check with now: the pinned one, a change the old key signed, or (never pinned) the one offered. */
function settleKey(row: SourceRow, doc: SiteDoc): { key: string; note: string } {
  if (!row.key) return { key: doc.publicKey, note: `pinned key ${fingerprintOf(doc.publicKey)}` };
  if (row.key === doc.publicKey) return { key: row.key, note: '' };
  const change = doc.keyChange;
  if (change?.from === row.key && verifySignature(Buffer.from(keyChangeText(doc.publicKey)), change.signature, row.key))
    return { key: doc.publicKey, note: `key changed to ${fingerprintOf(doc.publicKey)}, signed by the old key` };
  throw new Refused(
    `the site's key changed to ${fingerprintOf(doc.publicKey)} without the old key's signature: refused until ` +
      `you accept it (meshline follow ${row.id} --key ${doc.publicKey})`,
  );
}

export async function pullSource(
  row: SourceRow,
  limits: FetchLimits,
  now = Date.now(),
  open?: Opener,
): Promise<PullResult> {
  const source = parseSource(row.id) as Source;
  let resolved = row.resolved ? (JSON.parse(row.resolved) as Resolved) : undefined;
  let key = row.key ?? undefined;
  const notes: string[] = [];
  const record = (ok: boolean, result: string, more: Partial<PullRecord> = {}): PullRecord => ({
    at: now,
    ok,
    result,
    ...more,
  });
  // A Meshline site is asked who it is on the first pull, when its key is not pinned, after a refusal, and when a
  // feed does not verify with the pinned key (it may have moved to a key the old one signed over).
  const resolve = async (): Promise<Resolved> => {
    const root = source.kind === 'url' ? source.url : source.site;
    const site = source.kind === 'url' && !root.endsWith('/') ? undefined : await fetchSiteDoc(root, limits, open);
    if (!site && source.kind !== 'url')
      throw new Refused(`${root} is not a Meshline site (no .well-known/meshline.json)`);
    // A site whose key is pinned stays signed: it cannot become an unsigned feed by hiding its document.
    if (!site && key)
      throw new Refused(`a key is pinned for ${row.id}, but ${root} no longer says who it is (no site document)`);
    if (!site) return { feed: root };
    const settled = settleKey({ ...row, key: key ?? null }, site.doc);
    key = settled.key;
    if (settled.note) notes.push(settled.note);
    const box = vouchedBox(site.doc, settled.key);
    return { ...feedOf(source, site.doc, root), site: site.url, ...(box ? { boxKey: box } : {}) };
  };
  try {
    const fresh = !resolved || Boolean(resolved.signature && !key);
    if (fresh) resolved = await resolve();
    resolved = resolved!;
    const conditional: Record<string, string> = {};
    if (row.etag) conditional['if-none-match'] = row.etag;
    if (row.lastModified) conditional['if-modified-since'] = row.lastModified;
    let feed = await fetchOpened(resolved.feed, limits, conditional, open);
    // A Meshline feed that is not there any more: ask the site where it is now (or whether they left).
    if ((feed.status === 404 || feed.status === 410) && !fresh && resolved.site) {
      resolved = await resolve();
      feed = await fetchOpened(resolved.feed, limits, {}, open);
    }
    // A tag with no posts left has no feed there: what came through it goes.
    if ((feed.status === 404 || feed.status === 410) && source.kind === 'tag' && resolved.site)
      throw new Gone(`${resolved.feed} is gone: nothing is tagged #${source.tag} there any more`);
    const base = { resolved: JSON.stringify(resolved), ...(key ? { key, keyOffered: null } : {}) };
    if (feed.status === 304) return { record: record(true, ['unchanged', ...notes].join('; '), base) };
    if (feed.status !== 200) throw new Error(`${resolved.feed}: HTTP ${feed.status}`);
    if (resolved.signature) {
      const sig = await fetchOpened(resolved.signature, limits, {}, open);
      if (sig.status !== 200) throw new Refused(`no signature at ${resolved.signature} (HTTP ${sig.status})`);
      let verified = verifySignature(feed.bytes, sig.bytes.toString('utf8'), key!);
      if (!verified && !fresh) {
        const pinned = key;
        resolved = await resolve();
        verified = key !== pinned && verifySignature(feed.bytes, sig.bytes.toString('utf8'), key!);
      }
      if (!verified) throw new Refused(`the feed's signature does not verify with key ${fingerprintOf(key!)}: refused`);
    }
    const items = parseAnyFeed(feed.bytes, resolved.feed);
    const settled = { resolved: JSON.stringify(resolved), ...(key ? { key, keyOffered: null } : {}) };
    const validators = { etag: feed.headers.get('etag'), lastModified: feed.headers.get('last-modified') };
    const said = `${items.items.length} items${resolved.signature ? ', signature verified' : ''}`;
    return { record: record(true, [said, ...notes].join('; '), { ...settled, ...validators }), feed: items };
  } catch (err) {
    if (err instanceof Refused) {
      const offered = /changed to .* --key (\S+)\)$/.exec(err.message)?.[1];
      // Refused: the next pull asks the site again (a key change, a person who left).
      return {
        ...(err instanceof Gone ? { gone: true } : {}),
        record: record(false, `refused: ${err.message}`, {
          resolved: '',
          // What was refused must be fetched whole next time, not answered "unchanged".
          etag: null,
          lastModified: null,
          ...(offered ? { keyOffered: offered } : {}),
        }),
      };
    }
    return { record: record(false, `failed: ${errorMessage(err)}`) };
  }
}
