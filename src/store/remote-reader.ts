// Read side of followed sources' posts: the mesh timeline, remote people's timelines, and their posts on home
// (mesh.homeTimeline), as the same plain views local posts are rendered from.
import type { TimelineKey } from '../core/model.ts';
import type { PostView, TimelineMeta } from '../core/views.ts';
import { MESH_DIR, remotePersonDir } from '../core/paths.ts';
import { inChunks } from './chunks.ts';
import type { Db } from './db.ts';
import { scores } from './interaction-views.ts';

interface Author {
  site: string;
  host: string;
  handle: string;
  name: string;
  url: string | null;
  meshline: boolean;
}

interface Row {
  seq: number;
  id: number;
  author_id: number;
  url: string | null;
  text: string;
  at: number;
  edited_at: number | null;
  reply_url: string | null;
  reply_to: number | null;
}

export type Seqd = { post: PostView; seq: number };

const COLUMNS = 'e.seq, r.id, r.author_id, r.url, r.text, r.at, r.edited_at, r.reply_url, r.reply_to';
/** Followed posts someone here starred or voted on: the ones sorted views order. */
const INTERACTED = 'SELECT post_id FROM remote_votes UNION SELECT post_id FROM remote_stars';

/** The mesh timeline's title and folder. */
export const MESH_TITLE = 'From the mesh';

export class RemoteReader {
  private authors = new Map<number, Author>();
  /** Whether any remote post is on the home timeline: when none is, home reads local posts only. */
  anyHome = false;
  /** Whether people here starred or voted on any followed post: when none did, posts are read without counts. */
  private scored = false;

  constructor(
    private readonly db: Db,
    /** Local people's current handles, for the mentions of them. */
    private readonly handleOf: (personId: number) => string | undefined,
    private readonly localParent: (ids: number[]) => Promise<Map<number, { id: number; slug: string; handle: string }>>,
  ) {}

  async refresh(): Promise<void> {
    const rows = await this.db.all<Omit<Author, 'host' | 'meshline'> & { id: number; meshline: number }>(
      'SELECT id, site, handle, name, url, meshline FROM remote_people',
    );
    this.authors = new Map(
      rows.map((r) => [r.id, { ...r, host: new URL(r.site).host, meshline: r.meshline === 1 }] as const),
    );
    this.anyHome = !!(await this.db.get("SELECT 1 FROM remote_entries WHERE timeline = 'home' LIMIT 1"));
    this.scored = !!(await this.db.get(`SELECT 1 FROM (${INTERACTED}) LIMIT 1`));
  }

  /** The followed posts on a timeline that someone here starred or voted on, with their counts. */
  async rankable(key: TimelineKey): Promise<PostView[]> {
    if (!this.scored) return [];
    const rows = await this.db.all<Row>(
      `SELECT ${COLUMNS} FROM (${INTERACTED}) i CROSS JOIN remote_entries e ON e.post_id = i.post_id
       JOIN remote_posts r ON r.id = e.post_id WHERE e.timeline = ?`,
      [key],
    );
    return (await this.hydrate(rows)).map((s) => s.post);
  }

  /** The timelines with such posts (mesh, their authors', home when they are on it). */
  async sortable(): Promise<TimelineKey[]> {
    if (!this.scored) return [];
    const rows = await this.db.all<{ timeline: TimelineKey }>(
      `SELECT DISTINCT e.timeline FROM (${INTERACTED}) i CROSS JOIN remote_entries e ON e.post_id = i.post_id`,
    );
    return rows.map((r) => r.timeline);
  }

  static isRemote(key: TimelineKey): boolean {
    return key === 'mesh' || key.startsWith('remote:');
  }

  /** Remote people with posts here, and the mesh timeline. */
  keys(): TimelineKey[] {
    return ['mesh', ...[...this.authors.keys()].map((id) => `remote:${id}` as const)];
  }

  async counts(): Promise<Map<TimelineKey, number>> {
    const rows = await this.db.all<{ timeline: TimelineKey; n: number }>(
      'SELECT timeline, count(*) AS n FROM remote_entries GROUP BY timeline',
    );
    return new Map(rows.map((r) => [r.timeline, r.n]));
  }

  async count(key: TimelineKey): Promise<number> {
    return (await this.db.get<{ n: number }>('SELECT count(*) AS n FROM remote_entries WHERE timeline = ?', [key]))!.n;
  }

  meta(key: TimelineKey, lastSeq: number, count: number): TimelineMeta | undefined {
    if (count === 0) return undefined;
    if (key === 'mesh') return { key, kind: 'mesh', dir: MESH_DIR, title: MESH_TITLE, lastSeq, count };
    const a = this.authors.get(Number(key.slice('remote:'.length)));
    if (!a) return undefined;
    const title = `${a.name} (@${a.handle}@${a.host})`;
    const dir = remotePersonDir(a.host, a.handle);
    return { key, kind: 'remote', dir, title, lastSeq, count, origin: { host: a.host, url: a.url ?? a.site } };
  }

  dirOf(key: TimelineKey): string | undefined {
    if (key === 'mesh') return MESH_DIR;
    const a = this.authors.get(Number(key.slice('remote:'.length)));
    return a && remotePersonDir(a.host, a.handle);
  }

  async range(key: TimelineKey, fromSeq: number, toSeq: number): Promise<Seqd[]> {
    const rows = await this.db.all<Row>(
      `SELECT ${COLUMNS} FROM remote_entries e JOIN remote_posts r ON r.id = e.post_id
       WHERE e.timeline = ? AND e.seq BETWEEN ? AND ? ORDER BY e.seq DESC`,
      [key, fromSeq, toSeq],
    );
    return this.hydrate(rows);
  }

  async newest(key: TimelineKey, limit: number): Promise<Seqd[]> {
    const rows = await this.db.all<Row>(
      `SELECT ${COLUMNS} FROM remote_entries e JOIN remote_posts r ON r.id = e.post_id
       WHERE e.timeline = ? ORDER BY e.seq DESC LIMIT ?`,
      [key, limit],
    );
    return this.hydrate(rows);
  }

  /** Who wrote the posts at these addresses, as `handle@host` when followed here, else the address's host. */
  async authorsOf(urls: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(urls)];
    const out = new Map(unique.map((u) => [u, new URL(u).host] as const));
    const rows = await inChunks(unique, (chunk, list) =>
      this.db.all<{ url: string; author_id: number }>(
        `SELECT url, author_id FROM remote_posts WHERE url IN (${list})`,
        chunk,
      ),
    );
    for (const r of rows) {
      const a = this.authors.get(r.author_id);
      if (a) out.set(r.url, `${a.handle}@${a.host}`);
    }
    return out;
  }

  private async hydrate(rows: Row[]): Promise<Seqd[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const mentions = await inChunks(ids, (chunk, list) =>
      this.db.all<{ post_id: number; person_id: number }>(
        `SELECT post_id, person_id FROM remote_mentions WHERE post_id IN (${list})`,
        chunk,
      ),
    );
    const localParents = await this.localParent([
      ...new Set(rows.flatMap((r) => (r.reply_to !== null ? [r.reply_to] : []))),
    ]);
    const remoteParents = await this.authorsOf(
      rows.flatMap((r) => (r.reply_to === null && r.reply_url ? [r.reply_url] : [])),
    );
    const scoreBy = this.scored ? await scores(this.db, ids, 'remote') : undefined;
    const mentionsBy = new Map<number, string[]>();
    for (const m of mentions) {
      const h = this.handleOf(m.person_id);
      if (h) (mentionsBy.get(m.post_id) ?? mentionsBy.set(m.post_id, []).get(m.post_id)!).push(h);
    }
    return rows.map((r) => {
      const a = this.authors.get(r.author_id)!;
      const handles = mentionsBy.get(r.id) ?? [];
      const parent = r.reply_to !== null ? localParents.get(r.reply_to) : undefined;
      const replyTo = parent
        ? parent
        : r.reply_url
          ? { id: 0, slug: '', handle: remoteParents.get(r.reply_url)!, url: r.reply_url }
          : null;
      const post: PostView = {
        id: -r.id,
        slug: 'remote',
        kind: 'note',
        text: r.text,
        presence: null,
        at: r.at,
        editedAt: r.edited_at,
        action: false,
        network: 'mesh',
        author: { handle: `${a.handle}@${a.host}`, name: a.name },
        room: null,
        tags: [],
        mentions: handles.sort(),
        reactions: [],
        attachments: [],
        replyTo,
        ...(scoreBy?.has(r.id) ? { score: scoreBy.get(r.id)! } : {}),
        origin: {
          site: a.site,
          host: a.host,
          meshline: a.meshline,
          url: r.url,
          authorDir: remotePersonDir(a.host, a.handle),
          authorUrl: a.url,
        },
      };
      return { post, seq: r.seq };
    });
  }
}
