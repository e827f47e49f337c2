// A friend's follows inside the site, the digest of new posts waiting for them, and whom they blocked.
import type { Db } from './db.ts';

export async function allFollows(db: Db): Promise<Map<string, number[]>> {
  const map = new Map<string, number[]>();
  for (const r of await db.all<{ person_id: number; target: string }>('SELECT person_id, target FROM follows'))
    (map.get(r.target) ?? map.set(r.target, []).get(r.target)!).push(r.person_id);
  return map;
}

export async function follow(db: Db, personId: number, target: string): Promise<boolean> {
  return (
    (await db.run('INSERT OR IGNORE INTO follows (person_id, target) VALUES (?, ?)', [personId, target])).changes > 0
  );
}

export async function unfollow(db: Db, personId: number, target: string): Promise<boolean> {
  return (await db.run('DELETE FROM follows WHERE person_id = ? AND target = ?', [personId, target])).changes > 0;
}

export async function blocksOf(db: Db, personId: number): Promise<Set<string>> {
  const rows = await db.all<{ target: string }>('SELECT target FROM person_blocks WHERE person_id = ?', [personId]);
  return new Set(rows.map((r) => r.target));
}

export async function block(db: Db, personId: number, target: string, on: boolean): Promise<boolean> {
  const r = on
    ? await db.run('INSERT OR IGNORE INTO person_blocks (person_id, target) VALUES (?, ?)', [personId, target])
    : await db.run('DELETE FROM person_blocks WHERE person_id = ? AND target = ?', [personId, target]);
  return r.changes > 0;
}

/** Digest lines waiting, by person, oldest first. */
export async function digests(db: Db): Promise<Map<number, { line: string; at: number }[]>> {
  const map = new Map<number, { line: string; at: number }[]>();
  const rows = await db.all<{ person_id: number; line: string; at: number }>(
    'SELECT person_id, line, at FROM follow_digest ORDER BY person_id, at, rowid',
  );
  for (const r of rows) (map.get(r.person_id) ?? map.set(r.person_id, []).get(r.person_id)!).push(r);
  return map;
}

export async function clearDigest(db: Db, personId: number, upTo: number): Promise<void> {
  await db.run('DELETE FROM follow_digest WHERE person_id = ? AND at <= ?', [personId, upTo]);
}
