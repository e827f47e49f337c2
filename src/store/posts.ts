// Posts with their tags, mentions, reactions; pending statuses (the plain queries; see tx.ts for the hot path).
import type { Post, TimelineKey } from '../core/model.ts';
import type { PendingStatus, PostChanges, PostPlacement } from '../core/ports.ts';
import type { Db } from './db.ts';
import { POST_COLUMNS, toPost, type PostRow } from './rows.ts';
import { place } from './timelines.ts';
import { searchTerms } from '../core/search-terms.ts';

async function setTagsAndMentions(
  db: Db,
  postId: number,
  tags: readonly string[],
  mentions: readonly number[],
): Promise<void> {
  for (const t of tags) await db.run('INSERT OR IGNORE INTO post_tags (post_id, tag) VALUES (?, ?)', [postId, t]);
  for (const m of mentions)
    await db.run('INSERT OR IGNORE INTO post_mentions (post_id, person_id) VALUES (?, ?)', [postId, m]);
}

export async function post(db: Db, id: number): Promise<Post | undefined> {
  const r = await db.get<PostRow>(`SELECT ${POST_COLUMNS} FROM posts p WHERE p.id = ?`, [id]);
  return r && toPost(r);
}

export async function postBySource(db: Db, key: string): Promise<Post | undefined> {
  const r = await db.get<PostRow>(`SELECT ${POST_COLUMNS} FROM posts p WHERE p.source_key = ?`, [key]);
  return r && toPost(r);
}

async function entries(db: Db, postId: number): Promise<PostPlacement[]> {
  return db.all<PostPlacement>('SELECT timeline, seq FROM timeline_entries WHERE post_id = ?', [postId]);
}

/** New text keeps the post's places; a tag added joins that tag's timeline, a tag dropped leaves it. */
export async function editPost(
  db: Db,
  id: number,
  text: string,
  at: number,
  tags: string[],
  mentions: number[],
): Promise<PostPlacement[]> {
  const before = await entries(db, id);
  await db.run('UPDATE posts SET text = ?, edited_at = ? WHERE id = ?', [text, at, id]);
  await db.run('DELETE FROM search_terms WHERE post_id = ?', [id]);
  await db.runMany(
    'INSERT OR IGNORE INTO search_terms (term, post_id)',
    searchTerms(text).map((t) => [t, id]),
  );
  await db.run('DELETE FROM post_tags WHERE post_id = ?', [id]);
  await db.run('DELETE FROM post_mentions WHERE post_id = ?', [id]);
  await setTagsAndMentions(db, id, tags, mentions);
  const wanted = new Set<string>(tags.map((t) => `tag:${t}`));
  const dropped = before.filter((e) => e.timeline.startsWith('tag:') && !wanted.has(e.timeline));
  for (const d of dropped)
    await db.run('DELETE FROM timeline_entries WHERE timeline = ? AND seq = ?', [d.timeline, d.seq]);
  const have = new Set(before.map((e) => e.timeline));
  const added = await place(db, id, [...wanted].filter((t) => !have.has(t as TimelineKey)) as TimelineKey[]);
  return [...before, ...added];
}

/** Also returns where its replies sit, and queues their permalinks: their "in reply to" link must go too. */
/** Deletes a post; returns where it sat, and its replies (which lose their link to it) with where they sit. */
export async function deletePost(db: Db, id: number): Promise<{ placements: PostPlacement[]; replies: PostChanges }> {
  const placements = await entries(db, id);
  // Its echoes go with it (a cascade): where they were renders again, and their permalinks go.
  const echoes = (await db.all<{ id: number }>('SELECT id FROM posts WHERE echo_of = ?', [id])).map((r) => r.id);
  for (const e of echoes) placements.push(...(await entries(db, e)));
  const replies = [
    ...echoes,
    ...(await db.all<{ id: number }>('SELECT id FROM posts WHERE reply_to = ?', [id])).map((r) => r.id),
  ];
  await db.run('DELETE FROM posts WHERE id = ?', [id]);
  const replyPlacements: PostPlacement[] = [];
  for (const r of replies) replyPlacements.push(...(await entries(db, r)));
  return { placements, replies: { postIds: replies, placements: replyPlacements } };
}

export async function lastStatusText(db: Db, personId: number): Promise<string | undefined> {
  const r = await db.get<{ text: string }>(
    "SELECT text FROM posts WHERE person_id = ? AND kind = 'status' ORDER BY id DESC LIMIT 1",
    [personId],
  );
  return r?.text;
}

export async function addReaction(db: Db, postId: number, key: string, reactor: string): Promise<boolean> {
  return (
    (await db.run('INSERT OR IGNORE INTO reactions (post_id, key, reactor) VALUES (?, ?, ?)', [postId, key, reactor]))
      .changes === 1
  );
}

interface PendingRow {
  person_id: number;
  network: string;
  text: string;
  presence: string;
  at: number;
  due_at: number;
  source_key: string | null;
}

const toPending = (r: PendingRow): PendingStatus => ({
  personId: r.person_id,
  network: r.network,
  text: r.text,
  presence: r.presence as PendingStatus['presence'],
  at: r.at,
  dueAt: r.due_at,
  sourceKey: r.source_key,
});

export async function takeDueStatuses(db: Db, now: number): Promise<PendingStatus[]> {
  const rows = await db.all<PendingRow>('DELETE FROM pending_status WHERE due_at <= ? RETURNING *', [now]);
  return rows.map(toPending).sort((a, b) => a.at - b.at);
}

export async function pendingStatus(db: Db, personId: number): Promise<PendingStatus | undefined> {
  const r = await db.get<PendingRow>('SELECT * FROM pending_status WHERE person_id = ?', [personId]);
  return r && toPending(r);
}

export async function nextStatusDue(db: Db): Promise<number | undefined> {
  const r = await db.get<{ d: number | null }>('SELECT min(due_at) AS d FROM pending_status');
  return r?.d ?? undefined;
}
