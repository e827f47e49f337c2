// Private posts, their readers, their sealed copies for other sites (the inbox this site publishes) and the entries of
// other sites' inboxes already read. Nothing here is ever rendered to a public page.
import type { InboxOut, PrivatePost, PrivatePostIn } from '../core/private-types.ts';
import type { Db } from './db.ts';

interface Row {
  id: number;
  author_id: number | null;
  remote_author: string | null;
  origin: string | null;
  origin_id: number | null;
  text: string;
  at: number;
  reply_to: number | null;
}

/** Stores it with who may read it; undefined when it was received before (the same origin and number). */
export async function create(db: Db, p: PrivatePostIn): Promise<number | undefined> {
  const row = await db.get<{ id: number }>(
    `INSERT OR IGNORE INTO private_posts (author_id, remote_author, origin, origin_id, text, at, reply_to)
     VALUES (?, ?, ?, ?, ?, ?, (SELECT id FROM private_posts WHERE id = ?)) RETURNING id`,
    [p.authorId, p.remoteAuthor, p.origin, p.originId, p.text, p.at, p.replyTo],
  );
  if (!row) return undefined;
  await db.runMany(
    'INSERT OR IGNORE INTO private_recipients (post_id, who, person_id)',
    p.recipients.map((r) => [row.id, r.who, r.personId]),
  );
  return row.id;
}

export async function get(db: Db, id: number): Promise<PrivatePost | undefined> {
  const r = await db.get<Row>('SELECT * FROM private_posts WHERE id = ?', [id]);
  if (!r) return undefined;
  const recipients = await db.all<{ who: string; person_id: number | null }>(
    'SELECT who, person_id FROM private_recipients WHERE post_id = ? ORDER BY who',
    [id],
  );
  return {
    id: r.id,
    authorId: r.author_id,
    remoteAuthor: r.remote_author,
    origin: r.origin,
    originId: r.origin_id,
    text: r.text,
    at: r.at,
    replyTo: r.reply_to,
    recipients: recipients.map((x) => ({ who: x.who, personId: x.person_id })),
  };
}

/** The post received from `origin` as its number `originId` there, if it was. */
export async function byOrigin(db: Db, origin: string, originId: number): Promise<number | undefined> {
  return (
    await db.get<{ id: number }>('SELECT id FROM private_posts WHERE origin = ? AND origin_id = ?', [origin, originId])
  )?.id;
}

/** Deletes it; returns whether it had copies in the inbox (whose files then go). */
export async function remove(db: Db, id: number): Promise<boolean> {
  const copies = await db.get('SELECT 1 FROM inbox_out WHERE post_id = ? LIMIT 1', [id]);
  await db.run('DELETE FROM private_posts WHERE id = ?', [id]);
  return !!copies;
}

export async function queueInbox(db: Db, o: Omit<InboxOut, 'sealed' | 'tries'>): Promise<void> {
  await db.run('INSERT INTO inbox_out (name, post_id, site, recipients) VALUES (?, ?, ?, ?)', [
    o.name,
    o.postId,
    o.site,
    JSON.stringify(o.recipients),
  ]);
}

const toInbox = (r: {
  name: string;
  post_id: number;
  site: string;
  recipients: string;
  sealed: string | null;
  tries: number;
}) =>
  ({
    name: r.name,
    postId: r.post_id,
    site: r.site,
    recipients: JSON.parse(r.recipients) as string[],
    sealed: r.sealed,
    tries: r.tries,
  }) satisfies InboxOut;

/** Copies waiting to be sealed (sealed IS NULL), or all of them. */
export async function inbox(db: Db, pendingOnly: boolean): Promise<InboxOut[]> {
  const where = pendingOnly ? 'WHERE sealed IS NULL' : 'WHERE sealed IS NOT NULL';
  return (await db.all<Parameters<typeof toInbox>[0]>(`SELECT * FROM inbox_out ${where} ORDER BY name`)).map(toInbox);
}

export async function sealInbox(db: Db, name: string, sealed: string | null): Promise<void> {
  if (sealed === null) await db.run('UPDATE inbox_out SET tries = tries + 1 WHERE name = ?', [name]);
  else await db.run('UPDATE inbox_out SET sealed = ? WHERE name = ?', [sealed, name]);
}

export async function seen(db: Db, site: string): Promise<Set<string>> {
  const rows = await db.all<{ name: string }>('SELECT name FROM inbox_seen WHERE site = ?', [site]);
  return new Set(rows.map((r) => r.name));
}

export async function markSeen(db: Db, site: string, names: readonly string[]): Promise<void> {
  await db.runMany(
    'INSERT OR IGNORE INTO inbox_seen (site, name)',
    names.map((n) => [site, n]),
  );
}

export async function addFeedLink(db: Db, name: string, token: string, at: number): Promise<boolean> {
  const r = await db.run('INSERT OR IGNORE INTO feed_links (name, token, created_at) VALUES (?, ?, ?)', [
    name,
    token,
    at,
  ]);
  return r.changes > 0;
}

/** Revokes a link; returns its token, for its files to go. */
export async function removeFeedLink(db: Db, name: string): Promise<string | undefined> {
  return (await db.get<{ token: string }>('DELETE FROM feed_links WHERE name = ? RETURNING token', [name]))?.token;
}

export async function feedLinks(db: Db): Promise<{ name: string; token: string; createdAt: number }[]> {
  const rows = await db.all<{ name: string; token: string; created_at: number }>(
    'SELECT name, token, created_at FROM feed_links ORDER BY name',
  );
  return rows.map((r) => ({ name: r.name, token: r.token, createdAt: r.created_at }));
}

/** After forget: what was received for people here and is now for nobody here goes. */
export async function dropUnread(db: Db): Promise<void> {
  await db.run(
    `DELETE FROM private_posts WHERE author_id IS NULL AND NOT EXISTS (
       SELECT 1 FROM private_recipients r WHERE r.post_id = private_posts.id AND r.person_id IS NOT NULL)`,
  );
}
