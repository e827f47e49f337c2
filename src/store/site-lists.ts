// What the sitemaps list (the site's own posts by id, in chunks; hidden and followed posts never) and where a
// timeline's months begin.
import type { SitemapPost } from '../core/jobs.ts';
import type { Db } from './db.ts';

export function sitemapReader(db: Db) {
  return {
    posts: (fromId: number, toId: number) =>
      db.all<SitemapPost>(
        'SELECT id, slug, coalesce(edited_at, at) AS at FROM posts WHERE id BETWEEN ? AND ? AND hidden = 0 ORDER BY id',
        [fromId, toId],
      ),
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
export function quarterStarts(db: Db, timeline: string) {
  return db.all<{ seq: number; at: number }>(
    `SELECT min(te.seq) AS seq, min(p.at) AS at FROM timeline_entries te JOIN posts p ON p.id = te.post_id
     WHERE te.timeline = ? AND p.hidden = 0 GROUP BY p.at / 900000 ORDER BY seq`,
    [timeline],
  );
}
