// Counts of what people did to posts (stars, votes, echoes), read for the pages that show them.
import type { PostView } from '../core/views.ts';
import { inChunks } from './chunks.ts';
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

/** Counts by post id; followed posts (`remote`) have stars and votes from people here, and no echoes. */
export async function scores(db: Db, ids: readonly number[], whose: Whose = 'local'): Promise<Map<number, Score>> {
  const [stars, votes] = whose === 'remote' ? ['remote_stars', 'remote_votes'] : ['stars', 'votes'];
  const out = new Map<number, Score>();
  const get = (id: number) => out.get(id) ?? out.set(id, { stars: 0, up: 0, down: 0, echoes: 0 }).get(id)!;
  await inChunks(ids, async (chunk, list) => {
    for (const r of await db.all<{ post_id: number; n: number }>(
      `SELECT post_id, count(*) AS n FROM ${stars} WHERE post_id IN (${list}) GROUP BY post_id`,
      chunk,
    ))
      get(r.post_id).stars = r.n;
    for (const r of await db.all<{ post_id: number; up: number; down: number }>(
      `SELECT post_id, sum(value = 1) AS up, sum(value = -1) AS down FROM ${votes} WHERE post_id IN (${list})
       GROUP BY post_id`,
      chunk,
    )) {
      get(r.post_id).up = r.up;
      get(r.post_id).down = r.down;
    }
    if (whose === 'remote') return;
    for (const r of await db.all<{ echo_of: number; n: number }>(
      `SELECT echo_of, count(*) AS n FROM posts WHERE echo_of IN (${list}) AND hidden = 0 GROUP BY echo_of`,
      chunk,
    ))
      get(r.echo_of).echoes = r.n;
  });
  return out;
}
