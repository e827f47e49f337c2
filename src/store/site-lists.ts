// What the sitemaps list (the site's own posts by id, in chunks; hidden and followed posts never) and where a
// timeline's months begin.
import type { SitemapPost } from '../core/jobs.ts';
import type { Db } from './db.ts';

export function sitemapReader(db: Db) {
  return {
    posts: async (fromId: number, toId: number) => {
      // JSON in one row: the driver's object per row cost more than the read (a chunk is thousands of posts).
      const got = await db.one<{ rows: string | null }>(
        'SELECT json_group_array(json_array(id, slug, coalesce(edited_at, at)) ORDER BY id) AS rows FROM posts ' +
          'WHERE id BETWEEN ? AND ? AND hidden = 0',
        [fromId, toId],
      );
      const out: SitemapPost[] = [];
      for (const [id, slug, at] of JSON.parse(got?.rows ?? '[]') as [number, string, number][])
        out.push({ id, slug, at });
      return out;
    },
    /** The chunks (id / size) that have a post to list. */
    chunks: async (size: number) =>
      (await db.all<{ k: number }>('SELECT DISTINCT id / ? AS k FROM posts WHERE hidden = 0 ORDER BY k', [size])).map(
        (r) => r.k,
      ),
  };
}

/**
 * Where a timeline's posts begin, by quarter hour (any zone's month starts on one): the first position and time of
 * each, oldest first. A year of a busy timeline is some tens of thousands of rows, whatever its number of posts.
 */
export async function quarterStarts(db: Db, timeline: string): Promise<{ seq: number; at: number }[]> {
  // Two JSON lists in one row: an object made per row by the driver cost more than the query.
  const row = await db.one<{ seqs: string; ats: string }>(
    `SELECT json_group_array(seq ORDER BY seq) AS seqs, json_group_array(at ORDER BY seq) AS ats FROM (
       SELECT min(te.seq) AS seq, min(p.at) AS at FROM timeline_entries te JOIN posts p ON p.id = te.post_id
       WHERE te.timeline = ? AND p.hidden = 0 GROUP BY p.at / 900000)`,
    [timeline],
  );
  const seqs = JSON.parse(row!.seqs) as number[];
  const ats = JSON.parse(row!.ats) as number[];
  const out: { seq: number; at: number }[] = [];
  for (let i = 0; i < seqs.length; i++) out.push({ seq: seqs[i]!, at: ats[i]! });
  return out;
}
