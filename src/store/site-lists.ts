// What the sitemaps list: the site's own posts by id, in chunks (hidden and followed posts are never listed).
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
