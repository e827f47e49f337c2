// The search index's reads: a shard's terms and the posts they find, and what shards and buckets exist.
import { DOC_BUCKET, shardCut, shardOf } from '../core/search-terms.ts';
import type { Db } from './db.ts';
import { IN_LIST } from './chunks.ts';

/**
 * A word finds at most its newest this many posts: a shard stays small however common its words are, so a new post
 * rewrites (and sends) kilobytes, not the whole history of "the".
 */
export const POSTINGS_PER_TERM = 500;

/** The range of terms in the shard `prefix`, as bounds for `term >= ?1 AND term < ?2` (code point order). */
function range(prefix: string): [string, string] {
  // Every string that starts with the prefix, or (\u0001 sorts before any letter or digit a longer term goes on with)
  // the prefix alone.
  return [prefix, [...prefix].length < shardCut(prefix) ? `${prefix}\u0001` : `${prefix}\u{10FFFF}`];
}

/** The shard's terms, each found by a seek in the index. */
const TERMS = `WITH RECURSIVE t(term) AS (
    SELECT (SELECT min(term) FROM search_terms WHERE term >= ?1 AND term < ?2)
    UNION ALL
    SELECT (SELECT min(term) FROM search_terms WHERE term > t.term AND term < ?2) FROM t WHERE t.term IS NOT NULL)`;

/**
 * The terms of the shard `prefix` (src/core/search-terms.ts): every term starting with it, or, when it is shorter than
 * its cut, the one term it is (a longer one has a shard of its own); each with its newest shown posts. A term's list
 * is kept (search_lists, migration 20) until its postings change: the lists missing are made first, in one statement,
 * each read from its 500th newest posting on, so a common word's whole history is never read.
 */
export async function shard(db: Db, prefix: string): Promise<Map<string, number[]>> {
  await makeLists(db, range(prefix));
  const rows = await db.all<{ term: string; ids: string }>(
    `${TERMS} SELECT t.term, l.ids FROM t JOIN search_lists l ON l.term = t.term ORDER BY t.term`,
    range(prefix),
  );
  return new Map(rows.map((r) => [r.term, JSON.parse(r.ids) as number[]]));
}

/** Makes the missing lists of the terms in [lo, hi), in one statement. */
async function makeLists(db: Db, [lo, hi]: [string, string]): Promise<void> {
  await db.run(
    `${TERMS}
     INSERT OR REPLACE INTO search_lists (term, ids)
     SELECT t.term, json_group_array(s.post_id ORDER BY s.post_id DESC) FROM t
     JOIN search_terms s ON s.term = t.term JOIN posts p ON p.id = s.post_id
     WHERE NOT EXISTS (SELECT 1 FROM search_lists l WHERE l.term = t.term) AND p.hidden = 0
       AND s.post_id >= coalesce((
         SELECT x.post_id FROM search_terms x JOIN posts q ON q.id = x.post_id
         WHERE x.term = t.term AND q.hidden = 0 ORDER BY x.post_id DESC LIMIT 1 OFFSET ${POSTINGS_PER_TERM - 1}), 0)
     GROUP BY t.term`,
    [lo, hi],
  );
}

/**
 * The index's shards and buckets, every term's missing list made first in one statement: the whole index is read
 * next, and a statement per shard (a thousand of them on a new site) cost a second and more.
 */
export async function parts(db: Db): Promise<{ shards: string[]; buckets: number[] }> {
  const terms = await db.all<{ p: string }>('SELECT DISTINCT substr(term, 1, 4) AS p FROM search_terms');
  const shards = [...new Set(terms.map((t) => shardOf(t.p)))].sort();
  await makeAllLists(db, shards);
  const buckets = await db.all<{ b: number }>(`SELECT DISTINCT id / ${DOC_BUCKET} AS b FROM posts`);
  return { shards, buckets: buckets.map((b) => b.b) };
}

/**
 * Every term's missing list, `step` shards' worth a statement: one statement for them all held the database's write
 * lock for seconds on a million posts, and a render thread waiting to record its files gave up (SQLITE_BUSY).
 */
export async function makeAllLists(db: Db, shards: readonly string[], step = 64): Promise<void> {
  for (const span of spans(shards, step)) await makeLists(db, span);
}

/**
 * Ranges that cover every term once, from '' to U+10FFFF (a noncharacter: it begins no term, and the shards' bounds
 * rely on it too), each starting where a `step`-th shard does.
 */
export function spans(shards: readonly string[], step: number): [string, string][] {
  // In SQLite's order (code points, as UTF-8 bytes compare), not JavaScript's (UTF-16 units): past U+FFFF they
  // disagree, and spans cut out of order would overlap (each term is still in one, but read twice).
  const ordered = [...shards].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const cuts = [''];
  for (let i = step; i < ordered.length; i += step) cuts.push(range(ordered[i]!)[0]);
  cuts.push('\u{10FFFF}');
  return cuts.slice(1).map((hi, i) => [cuts[i]!, hi]);
}

/**
 * Up to `limit` made lists after the term `after`, in code point order, as JSON in one row. A term whose postings
 * changed since its list was made has none until its shard is rendered again (the change queued that render).
 */
export async function listsAfter(db: Db, after: string, limit: number): Promise<[string, number[]][]> {
  const got = await db.one<{ rows: string | null }>(
    'SELECT json_group_array(json_array(term, json(ids)) ORDER BY term) AS rows FROM ' +
      '(SELECT term, ids FROM search_lists WHERE term > ? ORDER BY term LIMIT ?)',
    [after, limit],
  );
  return JSON.parse(got?.rows ?? '[]') as [string, number[]][];
}

export interface DocRow {
  id: number;
  slug: string;
  at: number;
  text: string;
}

/** Shown posts' id, slug, time, text and author, in id order: JSON in one row, not the driver's object per row. */
export async function docRows(db: Db, ids: readonly number[]): Promise<[number, string, number, string, number][]> {
  if (!ids.length) return [];
  const got = await db.one<{ rows: string | null }>(
    'SELECT json_group_array(json_array(id, slug, at, text, person_id) ORDER BY id) AS rows FROM posts ' +
      `WHERE id IN (${IN_LIST}) AND hidden = 0`,
    [JSON.stringify(ids)],
  );
  return JSON.parse(got?.rows ?? '[]') as [number, string, number, string, number][];
}
