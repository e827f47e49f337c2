// Private posts between sites (docs/MESH.md, "Private posts"): sealing this site's waiting copies for their sites, and
// reading the inboxes of the Meshline sites this one follows: each entry verified with the sender's pinned site key,
// opened with this site's box key, delivered by IM to the people here it is for.
import { pool } from '../core/pool.ts';
import { siteOf } from './ingest.ts';
import type { MeshStore, SourceRow } from '../core/jobs.ts';
import type { Person } from '../core/model.ts';
import { INBOX_DIR, INBOX_INDEX, SIGNATURE_SUFFIX } from '../core/paths.ts';
import type { StoreTx } from '../core/ports.ts';
import { deliverPrivate, privateText } from '../core/private.ts';
import { capText, cleanName, cleanText } from '../core/text.ts';
import { errorMessage } from '../core/errors.ts';
import { guardedFetch, type FetchLimits } from '../net/fetch.ts';
import { logger } from '../log.ts';
import { open, seal, type BoxKeys } from './box.ts';
import { fetchSiteDoc, verifySignature, vouchedBox, type Opener, type Resolved } from './pull.ts';

const log = logger('mesh');

export interface InboxDeps {
  store: { mesh: MeshStore; write<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> };
  identity: { publicKey: string; box: BoxKeys; sign(text: string): string };
  siteUrl: string;
  /** The site's language: what private posts are delivered with (src/core/say.ts). */
  lang?: string | undefined;
  limits: FetchLimits;
  /** A private site's group key, for the site documents of the group's other sites. */
  open?: Opener | undefined;
}

/** What a sealed copy holds: the post, and everyone it is for (`handle@host`), so answers reach them all. */
interface Payload {
  v: 1;
  id: number;
  from: { handle: string; name: string };
  to: string[];
  text: string;
  at: number;
  replyTo?: { site: string; id: number };
}

/** An inbox entry as published: who sealed it, the box, and the sender's site key's signature over the box. */
interface Entry {
  meshline: 1;
  from: string;
  box: string;
  signature: string;
}

const root = (url: string) => url.replace(/\/*$/, '/');

/** The Meshline sites followed here whose keys are pinned and box keys known, by their roots. */
function followedSites(sources: readonly SourceRow[]): Map<string, { key: string; box: string }> {
  const sites = new Map<string, { key: string; box: string }>();
  for (const s of sources) {
    const r = s.resolved ? (JSON.parse(s.resolved) as Resolved) : undefined;
    if (s.key && r?.site && r.boxKey) sites.set(siteOf(r).site, { key: s.key, box: r.boxKey });
  }
  return sites;
}

/** The site's keys: from the source this site follows there (pinned), else from its site document now. */
async function keysOf(site: string, sources: readonly SourceRow[], limits: FetchLimits, open?: Opener) {
  const pinned = followedSites(sources).get(site);
  if (pinned) return pinned;
  const doc = await fetchSiteDoc(site, limits, open);
  const box = doc && vouchedBox(doc.doc, doc.doc.publicKey);
  if (!doc || !box) throw new Error(`${site} does not publish a box key its site key vouches for`);
  return { key: doc.doc.publicKey, box };
}

async function payloadOf(tx: StoreTx, postId: number, siteUrl: string): Promise<Payload | undefined> {
  const post = await tx.privatePost(postId);
  const author = post?.authorId != null ? await tx.person(post.authorId) : undefined;
  if (!post || !author) return undefined;
  const here = new URL(siteUrl).host;
  const to: string[] = [];
  for (const r of post.recipients) {
    const p = r.personId !== null ? await tx.person(r.personId) : undefined;
    to.push(p ? `${p.handle}@${here}` : r.who);
  }
  const parent = post.replyTo !== null ? await tx.privatePost(post.replyTo) : undefined;
  const replyTo = parent
    ? parent.origin && parent.originId !== null
      ? { site: parent.origin, id: parent.originId }
      : { site: root(siteUrl), id: parent.id }
    : undefined;
  const from = { handle: author.handle, name: author.name };
  return { v: 1, id: post.id, from, to, text: post.text, at: post.at, ...(replyTo ? { replyTo } : {}) };
}

/** Seals each waiting copy for its site; one that cannot be sealed now waits for the next round. */
export async function sealPending(deps: InboxDeps, sources: readonly SourceRow[]): Promise<number> {
  let sealed = 0;
  for (const o of await deps.store.mesh.pendingInbox()) {
    try {
      const payload = await deps.store.write((tx) => payloadOf(tx, o.postId, deps.siteUrl));
      if (!payload) continue;
      const them = await keysOf(o.site, sources, deps.limits, deps.open);
      const ends = { fromSite: deps.identity.publicKey, toSite: them.key };
      const box = seal(Buffer.from(JSON.stringify(payload)), deps.identity.box.privateKey, them.box, ends).box;
      const entry: Entry = { meshline: 1, from: root(deps.siteUrl), box, signature: deps.identity.sign(box) };
      await deps.store.mesh.sealInbox(o.name, `${JSON.stringify(entry)}\n`);
      sealed++;
    } catch (err) {
      log.warn(`a private post for ${o.site} waits: ${errorMessage(err)}`);
      await deps.store.mesh.sealInbox(o.name, null);
    }
  }
  return sealed;
}

function readPayload(bytes: Buffer): Payload | undefined {
  const p = JSON.parse(bytes.toString('utf8')) as Partial<Payload>;
  const ok =
    p.v === 1 &&
    Number.isSafeInteger(p.id) &&
    typeof p.from?.handle === 'string' &&
    typeof p.text === 'string' &&
    Number.isFinite(p.at) &&
    Array.isArray(p.to) &&
    p.to.every((t) => typeof t === 'string');
  return ok ? (p as Payload) : undefined;
}

/** Stores what came for people here and tells them; returns how many were told. */
async function receive(tx: StoreTx, p: Payload, site: string, siteUrl: string, lang?: string): Promise<number> {
  if ((await tx.privateByOrigin(site, p.id)) !== undefined) return 0;
  const here = new URL(siteUrl).host.toLowerCase();
  const readers: { who: string; personId: number | null }[] = [];
  const local: Person[] = [];
  for (const w of p.to.slice(0, 100)) {
    const at = w.lastIndexOf('@');
    const person = w.slice(at + 1).toLowerCase() === here ? await tx.personByHandle(w.slice(0, at)) : undefined;
    if (person?.optedIn) local.push(person);
    readers.push(person?.optedIn ? { who: `person:${person.id}`, personId: person.id } : { who: w, personId: null });
  }
  if (!local.length) return 0;
  const ours = root(siteUrl);
  const parent = !p.replyTo
    ? undefined
    : p.replyTo.site === ours
      ? (await tx.privatePost(p.replyTo.id))?.id
      : await tx.privateByOrigin(p.replyTo.site, p.replyTo.id);
  const host = new URL(site).host;
  const handle = cleanName(p.from.handle, 64).replace(/\s/g, '');
  const text = capText(cleanText(p.text));
  const id = await tx.createPrivate({
    authorId: null,
    remoteAuthor: `${handle}@${host}`,
    origin: site,
    originId: p.id,
    text,
    at: p.at,
    replyTo: parent ?? null,
    recipients: readers,
  });
  if (id === undefined) return 0;
  const from = `${cleanName(p.from.name, 80)} (@${handle}@${host})`;
  for (const person of local) await deliverPrivate(tx, person, privateText(from, id, text, lang), undefined);
  return local.length;
}

/** Reads the inboxes of the Meshline sites followed here; returns how many people were told of a private post. */
export async function readInboxes(deps: InboxDeps, sources: readonly SourceRow[]): Promise<number> {
  let told = 0;
  // A few at a time, as pulls are: most answers are a quick 404 (no private posts waiting).
  await pool([...followedSites(sources)], 8, async ([site, keys]) => {
    try {
      told += await readInbox(deps, site, keys);
    } catch (err) {
      log.warn(`the inbox of ${site} could not be read: ${errorMessage(err)}`);
    }
  });
  return told;
}

async function readInbox(deps: InboxDeps, site: string, keys: { key: string; box: string }): Promise<number> {
  const index = await guardedFetch(site + INBOX_INDEX, deps.limits);
  if (index.status === 404 || index.status === 410) return 0;
  if (index.status !== 200) throw new Error(`${site}${INBOX_INDEX}: HTTP ${index.status}`);
  const sig = await guardedFetch(site + INBOX_INDEX + SIGNATURE_SUFFIX, deps.limits);
  if (sig.status !== 200 || !verifySignature(index.bytes, sig.bytes.toString('utf8'), keys.key))
    throw new Error(`${site}${INBOX_INDEX}: its signature does not verify: refused`);
  const names = ((JSON.parse(index.bytes.toString('utf8')) as { entries?: unknown }).entries ?? []) as unknown[];
  const seen = await deps.store.mesh.inboxSeen(site);
  const ends = { fromSite: keys.key, toSite: deps.identity.publicKey };
  let told = 0;
  const looked: string[] = [];
  for (const name of names) {
    if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{16,64}$/.test(name) || seen.has(name)) continue;
    const r = await guardedFetch(`${site}${INBOX_DIR}${name}.json`, deps.limits);
    if (r.status !== 200) continue;
    const entry = JSON.parse(r.bytes.toString('utf8')) as Partial<Entry>;
    if (typeof entry.box !== 'string' || !verifySignature(Buffer.from(entry.box), String(entry.signature), keys.key)) {
      log.warn(`${site}${INBOX_DIR}${name}.json: not signed by ${site}: refused`);
      continue;
    }
    looked.push(name);
    const plain = open({ box: entry.box }, deps.identity.box.privateKey, keys.box, ends);
    const payload = plain && readPayload(plain);
    if (payload) told += await deps.store.write((tx) => receive(tx, payload, site, deps.siteUrl, deps.lang));
  }
  if (looked.length) await deps.store.mesh.markInboxSeen(site, looked);
  return told;
}
