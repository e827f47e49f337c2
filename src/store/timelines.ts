// Timeline positions: each post gets the next number on every timeline it is on, never reused.
import type { TimelineKey } from '../core/model.ts';
import type { PostPlacement } from '../core/ports.ts';
import { inChunks } from './chunks.ts';
import type { Db, SqlValue } from './db.ts';

export async function place(db: Db, postId: number, timelines: readonly TimelineKey[]): Promise<PostPlacement[]> {
  const out: PostPlacement[] = [];
  for (const timeline of timelines) {
    const row = await db.get<{ last_seq: number }>(
      `INSERT INTO timeline_heads (timeline, last_seq) VALUES (?, 1)
       ON CONFLICT (timeline) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`,
      [timeline],
    );
    const seq = row!.last_seq;
    await db.run('INSERT INTO timeline_entries (timeline, seq, post_id) VALUES (?, ?, ?)', [timeline, seq, postId]);
    out.push({ timeline, seq });
  }
  return out;
}

export async function placementsOfPosts(db: Db, postIds: readonly number[]): Promise<PostPlacement[]> {
  return inChunks(postIds, (chunk, list) =>
    db.all<PostPlacement>(`SELECT timeline, seq FROM timeline_entries WHERE post_id IN (${list})`, chunk),
  );
}

/** Renumbers a whole timeline from the posts a query yields, oldest first. Returns every new placement. */
export async function resequence(
  db: Db,
  timeline: TimelineKey,
  select: string,
  params: SqlValue[],
): Promise<PostPlacement[]> {
  const ids = (await db.all<{ id: number }>(select, params)).map((r) => r.id);
  await db.run('DELETE FROM timeline_entries WHERE timeline = ?', [timeline]);
  const out: PostPlacement[] = [];
  for (let i = 0; i < ids.length; i++) {
    await db.run('INSERT INTO timeline_entries (timeline, seq, post_id) VALUES (?, ?, ?)', [timeline, i + 1, ids[i]!]);
    out.push({ timeline, seq: i + 1 });
  }
  const old = await db.get<{ last_seq: number }>('SELECT last_seq FROM timeline_heads WHERE timeline = ?', [timeline]);
  // Keep the old page count reachable so pages past the new end are found and removed.
  for (let seq = ids.length + 1; old && seq <= old.last_seq; seq++) out.push({ timeline, seq });
  await db.run('INSERT OR REPLACE INTO timeline_heads (timeline, last_seq) VALUES (?, ?)', [timeline, ids.length]);
  return out;
}
