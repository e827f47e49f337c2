// What pages show beside a batch of posts, read in one trip to SQLite's thread: each trip (a statement run there, its
// rows handed back) cost about a millisecond here, and a one-post render hydrated fifteen batches, each with six.
import type { Db } from './db.ts';
import type { Score } from './interaction-views.ts';

export interface Beside {
  tagsBy: Map<number, string[]>;
  /** Mentioned people's ids. */
  mentionsBy: Map<number, number[]>;
  scoreBy: Map<number, Score>;
}

const IDS = 'SELECT value FROM json_each(?1)';
/** A column of JSON pairs (post id, value) from a query of two columns. */
const pairs = (query: string) => `(SELECT json_group_array(json_array(a, b)) FROM (${query}))`;

const TAGS = pairs(`SELECT post_id AS a, tag AS b FROM post_tags WHERE post_id IN (${IDS})`);
const MENTIONS = pairs(`SELECT post_id AS a, person_id AS b FROM post_mentions WHERE post_id IN (${IDS})`);
const STARS = pairs(`SELECT post_id AS a, count(*) AS b FROM stars WHERE post_id IN (${IDS}) GROUP BY post_id`);
const UPS = pairs(`SELECT post_id AS a, sum(value = 1) AS b FROM votes WHERE post_id IN (${IDS}) GROUP BY post_id`);
const DOWNS = pairs(`SELECT post_id AS a, sum(value = -1) AS b FROM votes WHERE post_id IN (${IDS}) GROUP BY post_id`);
const ECHOES = pairs(
  `SELECT echo_of AS a, count(*) AS b FROM posts WHERE echo_of IN (${IDS}) AND hidden = 0 GROUP BY echo_of`,
);

/** Tags, mentions and, on a site with any stars, votes or echoes (`scored`), their counts, for these post ids. */
export async function beside(db: Db, idList: string, scored: boolean): Promise<Beside> {
  const columns = [`${TAGS} AS tags`, `${MENTIONS} AS mentions`];
  if (scored) columns.push(`${STARS} AS stars`, `${UPS} AS ups`, `${DOWNS} AS downs`, `${ECHOES} AS echoes`);
  const row = (await db.one<Record<string, string | null>>(`SELECT ${columns.join(', ')}`, [idList]))!;
  const scoreBy = new Map<number, Score>();
  if (scored) {
    const score = (id: number) => scoreBy.get(id) ?? scoreBy.set(id, { stars: 0, up: 0, down: 0, echoes: 0 }).get(id)!;
    for (const [id, n] of parsePairs<number>(row.stars)) score(id).stars = n;
    for (const [id, n] of parsePairs<number>(row.ups)) score(id).up = n;
    for (const [id, n] of parsePairs<number>(row.downs)) score(id).down = n;
    for (const [id, n] of parsePairs<number>(row.echoes)) score(id).echoes = n;
  }
  return { tagsBy: grouped<string>(row.tags), mentionsBy: grouped<number>(row.mentions), scoreBy };
}

function parsePairs<V>(json: string | null | undefined): [number, V][] {
  return JSON.parse(json ?? '[]') as [number, V][];
}

/** Values by post, in the order read. */
function grouped<V>(json: string | null | undefined): Map<number, V[]> {
  const by = new Map<number, V[]>();
  for (const [id, v] of parsePairs<V>(json)) {
    const had = by.get(id);
    if (had) had.push(v);
    else by.set(id, [v]);
  }
  return by;
}
