// Counts of what people did to posts (stars, votes, echoes), read for the pages that show them.
import type { PostView } from '../core/views.ts';
import type { Db } from './db.ts';
import type { Whose } from './interactions.ts';

export type Score = NonNullable<PostView['score']>;

/** Whether any post has a star, a vote or an echo: most sites have none, and then posts are read without asking. */
export async function anyInteractions(db: Db): Promise<boolean> {
  const row = await db.get<{ any: number }>(
    'SELECT EXISTS (SELECT 1 FROM stars) OR EXISTS (SELECT 1 FROM votes) OR ' +
      'EXISTS (SELECT 1 FROM posts WHERE echo_of IS NOT NULL) OR ' +
      'EXISTS (SELECT 1 FROM remote_stars) OR EXISTS (SELECT 1 FROM remote_votes) AS any',
  );
  return row!.any === 1;
}

/**
 * A column of JSON arrays [key, ...values], one per row of `table` whose `key` is a post id of the statement's first
 * parameter (a JSON list); `count` groups the rows by post (the values are then aggregates), `and` narrows them.
 */
export function perPost(key: string, values: string[], table: string, opts: { count?: boolean; and?: string } = {}) {
  const named = values.map((v, i) => `${v} AS v${i}`).join(', ');
  const where = `${key} IN (SELECT value FROM json_each(?1))${opts.and ? ` AND ${opts.and}` : ''}`;
  const rows = `SELECT ${key} AS k, ${named} FROM ${table} WHERE ${where}${opts.count ? ` GROUP BY ${key}` : ''}`;
  return `(SELECT json_group_array(json_array(k, ${values.map((_, i) => `v${i}`).join(', ')})) FROM (${rows}))`;
}

/**
 * The columns of one row that count what people did to some posts (perPost's): `stars` ([id, n]), `votes` ([id, up,
 * down]) and, for posts here, `echoes` ([id, n]). Read beside other columns by `beside` (one trip for a batch).
 */
export function scoreColumns(whose: Whose = 'local'): string[] {
  const [stars, votes] = whose === 'remote' ? ['remote_stars', 'remote_votes'] : ['stars', 'votes'];
  const columns = [
    `${perPost('post_id', ['count(*)'], stars, { count: true })} AS stars`,
    `${perPost('post_id', ['sum(value = 1)', 'sum(value = -1)'], votes, { count: true })} AS votes`,
  ];
  if (whose === 'local')
    columns.push(`${perPost('echo_of', ['count(*)'], 'posts', { count: true, and: 'hidden = 0' })} AS echoes`);
  return columns;
}

/** The counts a row of `scoreColumns` holds, by post id: only posts with any. */
export function scoresOf(row: { stars?: string | null; votes?: string | null; echoes?: string | null }) {
  const out = new Map<number, Score>();
  const get = (id: number) => out.get(id) ?? out.set(id, { stars: 0, up: 0, down: 0, echoes: 0 }).get(id)!;
  for (const [id, n] of JSON.parse(row.stars ?? '[]') as [number, number][]) get(id).stars = n;
  for (const [id, up, down] of JSON.parse(row.votes ?? '[]') as [number, number, number][]) {
    get(id).up = up;
    get(id).down = down;
  }
  for (const [id, n] of JSON.parse(row.echoes ?? '[]') as [number, number][]) get(id).echoes = n;
  return out;
}

/** Counts by post id; followed posts (`remote`) have stars and votes from people here, and no echoes. */
export async function scores(db: Db, ids: readonly number[], whose: Whose = 'local'): Promise<Map<number, Score>> {
  if (!ids.length) return new Map();
  const row = await db.one<Record<string, string | null>>(`SELECT ${scoreColumns(whose).join(', ')}`, [
    JSON.stringify(ids),
  ]);
  return scoresOf(row!);
}
