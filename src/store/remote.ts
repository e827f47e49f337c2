// Posts of followed sources: stored with their origin, deduplicated by their id there, edited and removed as their
// feeds change (docs/MESH.md). The plain queries; SqliteStore runs each call in one transaction.
import type { RemoteAuthor, RemoteBatch, RemoteChanges, RemotePostIn } from '../core/jobs.ts';
import type { TimelineKey } from '../core/model.ts';
import type { PostPlacement } from '../core/ports.ts';
import type { Db } from './db.ts';
import { place } from './timelines.ts';

interface CarriedRow {
  id: number;
  at: number;
}

const empty = (): RemoteChanges => ({ added: 0, edited: 0, removed: 0, placements: [], mentioned: [], fresh: [] });

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

async function add(db: Db, item: RemotePostIn, home: boolean, out: RemoteChanges): Promise<number> {
  const author = await authorId(db, item.author);
  const row = await db.get<{ id: number }>(
    `INSERT INTO remote_posts (author_id, site, remote_id, url, text, at, edited_at, reply_url, reply_to)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT id FROM posts WHERE id = ?)) RETURNING id`,
    [author, item.author.site, item.remoteId, item.url, item.text, item.at, item.editedAt, item.replyUrl, item.replyTo],
  );
  const id = row!.id;
  const people = await mentionedPeople(db, item.mentions);
  await setMentions(db, id, people);
  const timelines: TimelineKey[] = ['mesh', `remote:${author}`, ...(home ? (['home'] as const) : [])];
  out.placements.push(...(await placeRemote(db, id, timelines)));
  out.added++;
  const label = authorLabel(item.author);
  const from = `${item.author.handle}@${new URL(item.author.site).host}`;
  out.fresh.push({ author: label, from, text: item.text, url: item.url });
  const tell = (personId: number, reply: boolean) =>
    out.mentioned.push({
      postId: id,
      personId,
      from,
      text: item.text,
      author: label,
      url: item.url,
      reply,
    });
  // An answer to one of this site's posts is news to its author, as a mention is.
  const parent =
    item.replyTo === null
      ? undefined
      : await db.get<{ person_id: number }>(
          'SELECT person_id FROM posts p JOIN people u ON u.id = p.person_id WHERE p.id = ? AND u.opted_in = 1',
          [item.replyTo],
        );
  if (parent && !people.includes(parent.person_id)) tell(parent.person_id, true);
  for (const personId of people) tell(personId, false);
  return id;
}

function authorLabel(a: RemoteAuthor): string {
  return `${a.name} (@${a.handle}@${new URL(a.site).host})`;
}

/** Positions from the same heads as local posts' (timeline_heads), in the remote posts' own entries. */
async function placeRemote(db: Db, postId: number, timelines: readonly TimelineKey[]): Promise<PostPlacement[]> {
  return place(db, postId, timelines, 'remote_entries');
}

async function remove(db: Db, postId: number, out: RemoteChanges): Promise<void> {
  out.placements.push(...(await entries(db, postId)));
  await db.run('DELETE FROM remote_posts WHERE id = ?', [postId]);
  out.removed++;
}

/** Drops the source's hold on a post; the post goes when no source carries it. */
async function release(db: Db, source: string, postId: number, out: RemoteChanges): Promise<void> {
  await db.run('DELETE FROM remote_carried WHERE source = ? AND post_id = ?', [source, postId]);
  const still = await db.get('SELECT 1 FROM remote_carried WHERE post_id = ? LIMIT 1', [postId]);
  if (!still) await remove(db, postId, out);
}

export async function ingest(db: Db, batch: RemoteBatch, now: number): Promise<RemoteChanges> {
  const out = empty();
  const carried = await db.all<CarriedRow>(
    'SELECT p.id, p.at FROM remote_carried c JOIN remote_posts p ON p.id = c.post_id WHERE c.source = ?',
    [batch.source],
  );
  const seen = new Set<number>();
  // Oldest first, so positions follow the order they were written in.
  for (const item of [...batch.items].sort((a, b) => a.at - b.at || a.remoteId.localeCompare(b.remoteId))) {
    const have = await db.get<{ id: number; text: string; reply_url: string | null }>(
      'SELECT id, text, reply_url FROM remote_posts WHERE site = ? AND remote_id = ?',
      [item.author.site, item.remoteId],
    );
    let id: number;
    if (!have) id = await add(db, item, batch.home, out);
    else {
      id = have.id;
      if (have.text !== item.text || have.reply_url !== item.replyUrl) {
        await db.run(
          'UPDATE remote_posts SET text = ?, edited_at = ?, url = ?, reply_url = ?, ' +
            'reply_to = (SELECT id FROM posts WHERE id = ?) WHERE id = ?',
          [item.text, item.editedAt ?? now, item.url, item.replyUrl, item.replyTo, id],
        );
        await setMentions(db, id, await mentionedPeople(db, item.mentions));
        out.placements.push(...(await entries(db, id)));
        out.edited++;
      }
    }
    seen.add(id);
    await db.run('INSERT OR IGNORE INTO remote_carried (source, post_id) VALUES (?, ?)', [batch.source, id]);
  }
  for (const c of carried) {
    if (seen.has(c.id)) continue;
    if (batch.keepOlderThan === null || c.at >= batch.keepOlderThan) await release(db, batch.source, c.id, out);
  }
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
    for (const p of posts) await remove(db, p.id, out);
    await db.run('DELETE FROM remote_people WHERE id = ?', [a.id]);
  }
  // Posts no followed source carries any more (one removed from mesh.follow).
  const orphans = await db.all<{ id: number }>(
    'SELECT id FROM remote_posts r WHERE NOT EXISTS (SELECT 1 FROM remote_carried c WHERE c.post_id = r.id)',
  );
  for (const p of orphans) await remove(db, p.id, out);
  return out;
}
