// The search index's reads: a shard's terms and the posts they find, and what shards and buckets exist.
import { DOC_BUCKET, shardOf } from '../core/search-terms.ts';
import type { Db } from './db.ts';

/**
 * A word finds at most its newest this many posts: a shard stays small however common its words are, so a new post
 * rewrites (and sends) kilobytes, not the whole history of "the".
 */
export const POSTINGS_PER_TERM = 500;

/** Terms starting with `prefix` (code point order: the range is every string that starts so), shown posts only. */
export async function shard(db: Db, prefix: string): Promise<Map<string, number[]>> {
  const rows = await db.all<{ term: string; post_id: number }>(
    `SELECT term, post_id FROM (
       SELECT s.term, s.post_id, row_number() OVER (PARTITION BY s.term ORDER BY s.post_id DESC) AS n
       FROM search_terms s JOIN posts p ON p.id = s.post_id
       WHERE s.term >= ? AND s.term < ? AND p.hidden = 0)
     WHERE n <= ${POSTINGS_PER_TERM} ORDER BY term, post_id DESC`,
    [prefix, `${prefix}\u{10FFFF}`],
  );
  const out = new Map<string, number[]>();
  for (const r of rows) (out.get(r.term) ?? out.set(r.term, []).get(r.term)!).push(r.post_id);
  return out;
}

export async function parts(db: Db): Promise<{ shards: string[]; buckets: number[] }> {
  const terms = await db.all<{ p: string }>('SELECT DISTINCT substr(term, 1, 2) AS p FROM search_terms');
  const buckets = await db.all<{ b: number }>(`SELECT DISTINCT id / ${DOC_BUCKET} AS b FROM posts`);
  return { shards: [...new Set(terms.map((t) => shardOf(t.p)))].sort(), buckets: buckets.map((b) => b.b) };
}
