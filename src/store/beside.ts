// What pages show beside a batch of posts, read in one trip to SQLite's thread: each trip (a statement run there, its
// rows handed back) cost about a millisecond here, and a one-post render hydrated fifteen batches, each with six.
import type { Db } from './db.ts';
import { perPost, scoreColumns, scoresOf, type Score } from './interaction-views.ts';

export interface Beside {
  tagsBy: Map<number, string[]>;
  /** Mentioned people's ids. */
  mentionsBy: Map<number, number[]>;
  scoreBy: Map<number, Score>;
}

const TAGS = `${perPost('post_id', ['tag'], 'post_tags')} AS tags`;
const MENTIONS = `${perPost('post_id', ['person_id'], 'post_mentions')} AS mentions`;

/** Tags, mentions and, on a site with any stars, votes or echoes (`scored`), their counts, for these post ids. */
export async function beside(db: Db, idList: string, scored: boolean): Promise<Beside> {
  const columns = scored ? [TAGS, MENTIONS, ...scoreColumns('local')] : [TAGS, MENTIONS];
  const row = (await db.one<Record<string, string | null>>(`SELECT ${columns.join(', ')}`, [idList]))!;
  return {
    tagsBy: grouped<string>(row.tags),
    mentionsBy: grouped<number>(row.mentions),
    scoreBy: scored ? scoresOf(row) : new Map(),
  };
}

/** Values by post, in the order read. */
function grouped<V>(json: string | null | undefined): Map<number, V[]> {
  const by = new Map<number, V[]>();
  for (const [id, v] of JSON.parse(json ?? '[]') as [number, V][]) {
    const had = by.get(id);
    if (had) had.push(v);
    else by.set(id, [v]);
  }
  return by;
}
