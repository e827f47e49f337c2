// Conversations: the post a reply chain starts from, every post of a thread in reading order, each post's direct
// replies. Followed sites' posts keep their own threads (docs/MESH.md); these are this site's.
import { IN_LIST } from './chunks.ts';
import type { Db } from './db.ts';

/** Deeper than this, a chain is cut (a cycle cannot happen: a reply is always newer than what it answers). */
const MAX_DEPTH = 64;
/** A thread page shows at most this many posts. */
export const MAX_THREAD = 1000;

/** The first post of the chain a post is in: itself when it answers nothing here. */
export async function rootOf(db: Db, postId: number): Promise<number> {
  const row = await db.get<{ id: number }>(
    `WITH RECURSIVE up(id, parent, n) AS (
       SELECT id, reply_to, 0 FROM posts WHERE id = ?
       UNION ALL SELECT p.id, p.reply_to, up.n + 1 FROM posts p JOIN up ON p.id = up.parent WHERE up.n < ${MAX_DEPTH})
     SELECT id FROM up ORDER BY n DESC LIMIT 1`,
    [postId],
  );
  return row?.id ?? postId;
}

/** A thread's posts, depth first and oldest first at each level, with their depth (the root is 0). */
export function thread(db: Db, root: number): Promise<{ id: number; depth: number }[]> {
  return db.all<{ id: number; depth: number }>(
    `WITH RECURSIVE t(id, depth, path) AS (
       SELECT id, 0, printf('%015d', id) FROM posts WHERE id = ? AND hidden = 0
       UNION ALL SELECT p.id, t.depth + 1, t.path || '/' || printf('%015d', p.id)
       FROM posts p JOIN t ON p.reply_to = t.id WHERE p.hidden = 0 AND t.depth < ${MAX_DEPTH})
     SELECT id, depth FROM t ORDER BY path LIMIT ${MAX_THREAD}`,
    [root],
  );
}

/** Posts that start a conversation: answered, answering nothing here. */
export async function threadRoots(db: Db): Promise<number[]> {
  const rows = await db.all<{ id: number }>(
    `SELECT DISTINCT r.reply_to AS id FROM posts r JOIN posts p ON p.id = r.reply_to
     WHERE r.reply_to IS NOT NULL AND r.hidden = 0 AND p.reply_to IS NULL AND p.hidden = 0 ORDER BY id`,
  );
  return rows.map((r) => r.id);
}

/** Direct replies to these posts (not hidden), oldest first. */
export function repliesTo(db: Db, ids: readonly number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.all<{ id: number; reply_to: number; slug: string; person_id: number; at: number; text: string }>(
    `SELECT id, reply_to, slug, person_id, at, text FROM posts
     WHERE reply_to IN (${IN_LIST}) AND hidden = 0 ORDER BY id`,
    [JSON.stringify(ids)],
  );
}
