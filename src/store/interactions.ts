// Stars, votes, flags, pins and hiding: what people do to posts (issue 16). One star and one vote per person per post.
import type { Db } from './db.ts';

/** Which posts: this site's (`posts`) or followed ones (`remote_posts`, their own tables). */
export type Whose = 'local' | 'remote';
const table = (whose: Whose, name: 'stars' | 'votes') => (whose === 'remote' ? `remote_${name}` : name);

export async function star(db: Db, postId: number, personId: number, on: boolean, whose: Whose = 'local') {
  const t = table(whose, 'stars');
  const r = on
    ? await db.run(`INSERT OR IGNORE INTO ${t} (post_id, person_id) VALUES (?, ?)`, [postId, personId])
    : await db.run(`DELETE FROM ${t} WHERE post_id = ? AND person_id = ?`, [postId, personId]);
  return r.changes > 0;
}

/** `value` 0 takes the vote back. Returns whether anything changed. */
export async function vote(db: Db, postId: number, personId: number, value: -1 | 0 | 1, whose: Whose = 'local') {
  const t = table(whose, 'votes');
  if (value === 0)
    return (await db.run(`DELETE FROM ${t} WHERE post_id = ? AND person_id = ?`, [postId, personId])).changes > 0;
  const r = await db.run(
    `INSERT INTO ${t} (post_id, person_id, value) VALUES (?, ?, ?)
     ON CONFLICT (post_id, person_id) DO UPDATE SET value = excluded.value WHERE value != excluded.value`,
    [postId, personId, value],
  );
  return r.changes > 0;
}

/** Records a flag (or takes it back); returns whether it changed and how many distinct people flag the post now. */
export async function flag(
  db: Db,
  postId: number,
  personId: number,
  reason: string | null,
  at: number,
): Promise<{ changed: boolean; count: number }> {
  const r =
    reason === null
      ? await db.run('DELETE FROM flags WHERE post_id = ? AND person_id = ?', [postId, personId])
      : await db.run('INSERT OR IGNORE INTO flags (post_id, person_id, reason, at) VALUES (?, ?, ?, ?)', [
          postId,
          personId,
          reason,
          at,
        ]);
  const count = (await db.get<{ n: number }>('SELECT count(*) AS n FROM flags WHERE post_id = ?', [postId]))!.n;
  return { changed: r.changes > 0, count };
}

export async function setMark(db: Db, postId: number, mark: 'pinned' | 'hidden', on: boolean): Promise<boolean> {
  const column = mark === 'pinned' ? 'pinned' : 'hidden';
  return (
    (await db.run(`UPDATE posts SET ${column} = ? WHERE id = ? AND ${column} != ?`, [on ? 1 : 0, postId, on ? 1 : 0]))
      .changes > 0
  );
}

/** The echo of a post by a person, if they echoed it. */
export async function echoOf(db: Db, postId: number, personId: number): Promise<number | undefined> {
  return (
    await db.get<{ id: number }>('SELECT id FROM posts WHERE echo_of = ? AND person_id = ? LIMIT 1', [postId, personId])
  )?.id;
}
