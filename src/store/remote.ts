// Posts of followed sources: stored with their origin, deduplicated by their id there, edited and removed as their
// feeds change (docs/MESH.md). The plain queries; SqliteStore runs each call in one transaction.
import type { RemoteAuthor, RemoteBatch, RemoteChanges, RemotePostIn } from '../core/jobs.ts';
import type { TimelineKey } from '../core/model.ts';
import type { PostPlacement } from '../core/ports.ts';
import type { Db } from './db.ts';
import { localPostId } from '../core/paths.ts';
import { inChunks } from './chunks.ts';

interface CarriedRow {
  id: number;
  at: number;
}

const empty = (): RemoteChanges => ({
  added: 0,
  edited: 0,
  removed: 0,
  placements: [],
  ranked: [],
  mentioned: [],
  fresh: [],
});

/** Where a post sits, noted as ranked too when someone here starred or voted on it. */
async function changed(db: Db, postId: number, out: RemoteChanges): Promise<void> {
  const placements = await entries(db, postId);
  out.placements.push(...placements);
  const rated = await db.get(
    'SELECT 1 FROM remote_votes WHERE post_id = ?1 UNION ALL SELECT 1 FROM remote_stars WHERE post_id = ?1 LIMIT 1',
    [postId],
  );
  if (rated) out.ranked.push(...placements);
}

async function authorId(db: Db, a: RemoteAuthor): Promise<number> {
  const row = await db.get<{ id: number }>(
    `INSERT INTO remote_people (site, handle, name, url, meshline) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (site, handle) DO UPDATE SET name = excluded.name, url = excluded.url, meshline = excluded.meshline
     RETURNING id`,
    [a.site, a.handle, a.name, a.url, a.meshline ? 1 : 0],
  );
  return row!.id;
}

async function entries(db: Db, postId: number): Promise<PostPlacement[]> {
  return db.all<PostPlacement>('SELECT timeline, seq FROM remote_entries WHERE post_id = ?', [postId]);
}

/** A followed post by its address, and where it sits here. */
export async function byUrl(db: Db, url: string): Promise<{ id: number; placements: PostPlacement[] } | undefined> {
  const row = await db.get<{ id: number }>('SELECT id FROM remote_posts WHERE url = ? ORDER BY id LIMIT 1', [url]);
  return row && { id: row.id, placements: await entries(db, row.id) };
}

/** Local people by handle (or a handle they had), as local mentions find them. */
async function mentionedPeople(db: Db, handles: readonly string[]): Promise<number[]> {
  const ids = new Set<number>();
  for (const h of handles) {
    const r = await db.get<{ id: number }>(
      `SELECT id FROM people WHERE handle = ?1 AND opted_in = 1
       UNION ALL SELECT p.id FROM handle_redirects r JOIN people p ON p.id = r.person_id
       WHERE r.handle = ?1 AND p.opted_in = 1 LIMIT 1`,
      [h],
    );
    if (r) ids.add(r.id);
  }
  return [...ids];
}

async function setMentions(db: Db, postId: number, people: readonly number[]): Promise<void> {
  await db.run('DELETE FROM remote_mentions WHERE post_id = ?', [postId]);
  for (const p of people)
    await db.run('INSERT OR IGNORE INTO remote_mentions (post_id, person_id) VALUES (?, ?)', [postId, p]);
}

/** Local posts among `ids` (a followed post may claim to answer one that is gone, or never was). */
async function localPosts(db: Db, ids: readonly number[]): Promise<Set<number>> {
  const rows = await inChunks(ids, (chunk, list) =>
    db.all<{ id: number }>(`SELECT id FROM posts WHERE id IN (${list})`, chunk),
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Stores new posts in a few statements whatever their number (a first pull brings a whole feed): ids, positions and
 * carriers computed here, written as multi-row INSERTs.
 */
async function addAll(db: Db, items: readonly RemotePostIn[], home: boolean, out: RemoteChanges): Promise<number[]> {
  if (!items.length) return [];
  const authors = new Map<string, number>();
  for (const i of items) if (!authors.has(i.author.handle)) authors.set(i.author.handle, await authorId(db, i.author));
  const first =
    (await db.get<{ n: number }>(
      "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'remote_posts'), 0), " +
        'coalesce((SELECT max(id) FROM remote_posts), 0)) AS n',
    ))!.n + 1;
  const parents = await localPosts(
    db,
    items.flatMap((i) => (i.replyTo !== null ? [i.replyTo] : [])),
  );
  const ids = items.map((_, n) => first + n);
  await db.runMany(
    'INSERT INTO remote_posts (id, author_id, site, remote_id, url, text, at, edited_at, reply_url, reply_to)',
    items.map((i, n) => [
      ids[n]!,
      authors.get(i.author.handle)!,
      i.author.site,
      i.remoteId,
      i.url,
      i.text,
      i.at,
      i.editedAt,
      i.replyUrl,
      i.replyTo !== null && parents.has(i.replyTo) ? i.replyTo : null,
    ]),
  );
  const heads = new Map<TimelineKey, number>();
  const entries: [TimelineKey, number, number][] = [];
  for (const [n, i] of items.entries()) {
    const timelines: TimelineKey[] = [
      'mesh',
      `remote:${authors.get(i.author.handle)!}`,
      ...(home ? (['home'] as const) : []),
    ];
    for (const t of timelines) {
      if (!heads.has(t))
        heads.set(
          t,
          (await db.get<{ s: number }>('SELECT last_seq AS s FROM timeline_heads WHERE timeline = ?', [t]))?.s ?? 0,
        );
      const seq = heads.get(t)! + 1;
      heads.set(t, seq);
      entries.push([t, seq, ids[n]!]);
      out.placements.push({ timeline: t, seq });
    }
  }
  await db.runMany('INSERT INTO remote_entries (timeline, seq, post_id)', entries);
  await db.runMany('INSERT OR REPLACE INTO timeline_heads (timeline, last_seq)', [...heads]);
  out.added += items.length;
  for (const [n, item] of items.entries()) await tellOf(db, ids[n]!, item, parents, out);
  return ids;
}

/** Who a new post is news to: the local people it mentions, and the author of the local post it answers. */
async function tellOf(db: Db, id: number, item: RemotePostIn, parents: Set<number>, out: RemoteChanges) {
  const author = authorLabel(item.author);
  const from = `${item.author.handle}@${new URL(item.author.site).host}`;
  out.fresh.push({ author, from, text: item.text, url: item.url });
  const people = item.mentions.length ? await mentionedPeople(db, item.mentions) : [];
  if (people.length) await setMentions(db, id, people);
  const tell = (personId: number, reply: boolean) =>
    out.mentioned.push({ postId: id, personId, from, text: item.text, author, url: item.url, reply });
  // An answer to one of this site's posts is news to its author, as a mention is.
  const parent =
    item.replyTo === null || !parents.has(item.replyTo)
      ? undefined
      : await db.get<{ person_id: number }>(
          'SELECT person_id FROM posts p JOIN people u ON u.id = p.person_id WHERE p.id = ? AND u.opted_in = 1',
          [item.replyTo],
        );
  if (parent && !people.includes(parent.person_id)) tell(parent.person_id, true);
  for (const personId of people) tell(personId, false);
}

function authorLabel(a: RemoteAuthor): string {
  return `${a.name} (@${a.handle}@${new URL(a.site).host})`;
}

async function remove(db: Db, postId: number, out: RemoteChanges): Promise<void> {
  await changed(db, postId, out);
  await db.run('DELETE FROM remote_posts WHERE id = ?', [postId]);
  out.removed++;
}

/** Drops the source's hold on a post; the post goes when no source carries it. */
async function release(db: Db, source: string, postId: number, out: RemoteChanges): Promise<void> {
  await db.run('DELETE FROM remote_carried WHERE source = ? AND post_id = ?', [source, postId]);
  const still = await db.get('SELECT 1 FROM remote_carried WHERE post_id = ? LIMIT 1', [postId]);
  if (!still) await remove(db, postId, out);
}

/** The origin said these of its posts are gone (deleted, forgotten): whichever source brought them, they go. */
async function removeByOrigin(db: Db, site: string, ids: Set<number>, out: RemoteChanges): Promise<void> {
  const rows = await db.all<{ id: number; remote_id: string }>(
    'SELECT id, remote_id FROM remote_posts WHERE site = ?',
    [site],
  );
  for (const r of rows) {
    const n = localPostId(r.remote_id, site);
    if (n !== null && ids.has(n)) await remove(db, r.id, out);
  }
}

export async function ingest(db: Db, batch: RemoteBatch, now: number): Promise<RemoteChanges> {
  const out = empty();
  const carried = await db.all<CarriedRow>(
    'SELECT p.id, p.at FROM remote_carried c JOIN remote_posts p ON p.id = c.post_id WHERE c.source = ?',
    [batch.source],
  );
  // Oldest first, so positions follow the order they were written in; one item per id, as the feed should have.
  const byId = new Map(batch.items.map((i) => [i.remoteId, i]));
  const items = [...byId.values()].sort((a, b) => a.at - b.at || a.remoteId.localeCompare(b.remoteId));
  const site = batch.site;
  const have = new Map(
    (
      await inChunks(items, (chunk, list) =>
        db.all<{ id: number; remote_id: string; text: string; reply_url: string | null }>(
          `SELECT id, remote_id, text, reply_url FROM remote_posts WHERE site = ? AND remote_id IN (${list})`,
          [site, ...chunk.map((i) => i.remoteId)],
        ),
      )
    ).map((r) => [r.remote_id, r]),
  );
  const seen = new Set<number>();
  for (const item of items) {
    const h = have.get(item.remoteId);
    if (!h) continue;
    seen.add(h.id);
    if (h.text === item.text && h.reply_url === item.replyUrl) continue;
    await db.run(
      'UPDATE remote_posts SET text = ?, edited_at = ?, url = ?, reply_url = ?, ' +
        'reply_to = (SELECT id FROM posts WHERE id = ?) WHERE id = ?',
      [item.text, item.editedAt ?? now, item.url, item.replyUrl, item.replyTo, h.id],
    );
    await setMentions(db, h.id, await mentionedPeople(db, item.mentions));
    await changed(db, h.id, out);
    out.edited++;
  }
  const added = await addAll(
    db,
    items.filter((i) => !have.has(i.remoteId)),
    batch.home,
    out,
  );
  for (const id of added) seen.add(id);
  await db.runMany(
    'INSERT OR IGNORE INTO remote_carried (source, post_id)',
    [...seen].map((id) => [batch.source, id]),
  );
  for (const c of carried) {
    if (seen.has(c.id)) continue;
    if (batch.keepOlderThan === null || c.at >= batch.keepOlderThan) await release(db, batch.source, c.id, out);
  }
  if (batch.removedIds?.length) await removeByOrigin(db, site, new Set(batch.removedIds), out);
  return out;
}

export async function dropSource(db: Db, source: string): Promise<RemoteChanges> {
  const out = empty();
  const ids = await db.all<{ post_id: number }>('SELECT post_id FROM remote_carried WHERE source = ?', [source]);
  for (const { post_id } of ids) await release(db, source, post_id, out);
  await db.run('DELETE FROM sources WHERE id = ?', [source]);
  return out;
}

export async function purge(
  db: Db,
  blocked: (author: { site: string; handle: string }) => boolean,
): Promise<RemoteChanges> {
  const out = empty();
  const authors = await db.all<{ id: number; site: string; handle: string }>(
    'SELECT id, site, handle FROM remote_people',
  );
  for (const a of authors) {
    if (!blocked(a)) continue;
    const posts = await db.all<{ id: number }>('SELECT id FROM remote_posts WHERE author_id = ?', [a.id]);
    // The person stays known (with no posts), so the render finds their folder to remove.
    for (const p of posts) await remove(db, p.id, out);
  }
  // Posts no followed source carries any more (one removed from mesh.follow).
  const orphans = await db.all<{ id: number }>(
    'SELECT id FROM remote_posts r WHERE NOT EXISTS (SELECT 1 FROM remote_carried c WHERE c.post_id = r.id)',
  );
  for (const p of orphans) await remove(db, p.id, out);
  return out;
}
