// Read side for rendering: timelines and posts, joined into plain views.
import { IN_LIST, idOf } from './chunks.ts';
import type { TimelineKey } from '../core/model.ts';
import type { PersonView, PostView, RoomView, SiteReader, TimelineMeta } from '../core/views.ts';
import { networkDir, personDir, roomDir, tagDir } from '../core/paths.ts';
import { networkLabel } from '../core/networks.ts';
import { compareKeys } from '../core/names.ts';
import type { Db, SqlValue } from './db.ts';
import { POST_COLUMNS, POST_JSON, type PostRow, postRowAt, postRowsOf } from './rows.ts';
import { RemoteReader, type Seqd } from './remote-reader.ts';
import { anyInteractions } from './interaction-views.ts';
import { hydrate, localParents, readerLookups, withConversation, type Lookups } from './hydrate.ts';
import * as threads from './threads.ts';
import * as search from './search.ts';
import * as profiles from './profiles.ts';
import { quarterStarts } from './site-lists.ts';

/** Posts someone starred, voted on or echoed. */
// The posts someone voted on, starred or echoed. Joined to timelines with CROSS JOIN, which keeps them the outer loop:
// left to itself SQLite scanned every timeline entry instead (345 ms at a million posts, at every render; 2 ms so).
const INTERACTED =
  'SELECT post_id FROM votes UNION SELECT post_id FROM stars UNION SELECT echo_of FROM posts WHERE echo_of IS NOT NULL';

export class SqliteSiteReader implements SiteReader {
  // These fields are read by readerLookups (what hydrate sees of this reader) as they are at each call.
  peopleById = new Map<number, PersonView & { optedIn: boolean }>();
  roomsById = new Map<number, RoomView & { enabled: boolean }>();
  /** Handles people had before, by person. */
  oldHandles = new Map<number, string[]>();
  private tombs = new Map<TimelineKey, number[]>();
  /** Most sites have few attachments or none: then posts are read without asking for them. */
  anyAttachments = true;
  anyReactions = true;
  /** Most sites have no stars, votes or echoes: then posts are read without asking for them. */
  anyInteractions = true;
  anyEmbeds = true;

  readonly remote: RemoteReader;

  constructor(
    private readonly db: Db,
    private readonly siteTitle: string,
  ) {
    this.remote = new RemoteReader(
      db,
      (id) => this.peopleById.get(id)?.handle,
      (ids) => this.localParents(ids),
    );
  }

  async refresh(): Promise<void> {
    const people = await this.db.all<{ id: number; handle: string; name: string; opted_in: number }>(
      'SELECT id, handle, name, opted_in FROM people',
    );
    this.peopleById = new Map(people.map((p) => [p.id, { handle: p.handle, name: p.name, optedIn: p.opted_in === 1 }]));
    const rooms = await this.db.all<{ id: number; slug: string; name: string; network: string; enabled: number }>(
      'SELECT id, slug, name, network, enabled FROM rooms',
    );
    this.roomsById = new Map(
      rooms.map((r) => [r.id, { slug: r.slug, name: r.name, network: r.network, enabled: r.enabled === 1 }]),
    );
    this.anyInteractions = await anyInteractions(this.db);
    this.anyEmbeds = !!(await this.db.get('SELECT 1 FROM embeds LIMIT 1'));
    this.anyReactions = !!(await this.db.get('SELECT 1 FROM reactions LIMIT 1'));
    this.anyAttachments =
      (await this.db.get<{ any: number }>('SELECT EXISTS (SELECT 1 FROM attachments) AS any'))!.any === 1;
    this.oldHandles = new Map();
    const redirects = await this.db.all<{ handle: string; person_id: number }>(
      'SELECT handle, person_id FROM handle_redirects ORDER BY handle',
    );
    for (const r of redirects) {
      (this.oldHandles.get(r.person_id) ?? this.oldHandles.set(r.person_id, []).get(r.person_id)!).push(r.handle);
    }
    await this.remote.refresh();
    // Few: posts removed in the last year. Read once, not once per feed.
    this.tombs = new Map();
    const tombs = await this.db.all<{ timeline: TimelineKey; post_id: number }>(
      'SELECT timeline, post_id FROM tombstones ORDER BY timeline, post_id',
    );
    for (const t of tombs)
      (this.tombs.get(t.timeline) ?? this.tombs.set(t.timeline, []).get(t.timeline)!).push(t.post_id);
  }

  async allTimelines(): Promise<TimelineMeta[]> {
    const heads = new Map(
      (
        await this.db.all<{ timeline: TimelineKey; last_seq: number }>('SELECT timeline, last_seq FROM timeline_heads')
      ).map((r) => [r.timeline, r.last_seq]),
    );
    const counts = new Map(
      (
        await this.db.all<{ timeline: TimelineKey; n: number }>('SELECT timeline, n FROM timeline_counts WHERE n > 0')
      ).map((r) => [r.timeline, r.n]),
    );
    for (const [k, n] of await this.remote.counts()) counts.set(k, (counts.get(k) ?? 0) + n);
    const keys = new Set<TimelineKey>(['home', ...heads.keys()]);
    for (const [id, p] of this.peopleById) if (p.optedIn) keys.add(`person:${id}`);
    for (const [id, r] of this.roomsById) if (r.enabled) keys.add(`room:${id}`);
    for (const k of this.remote.keys()) keys.add(k);
    return [...keys].sort().flatMap((k) => this.meta(k, heads.get(k) ?? 0, counts.get(k) ?? 0) ?? []);
  }

  async timeline(key: TimelineKey): Promise<TimelineMeta | undefined> {
    const head = await this.db.get<{ last_seq: number }>('SELECT last_seq FROM timeline_heads WHERE timeline = ?', [
      key,
    ]);
    const remote = RemoteReader.isRemote(key);
    let count = remote
      ? 0
      : ((await this.db.get<{ n: number }>('SELECT n FROM timeline_counts WHERE timeline = ?', [key]))?.n ?? 0);
    if (remote || (key === 'home' && this.remote.anyHome)) count += await this.remote.count(key);
    return this.meta(key, head?.last_seq ?? 0, count);
  }

  private meta(key: TimelineKey, lastSeq: number, count: number): TimelineMeta | undefined {
    if (RemoteReader.isRemote(key)) return this.remote.meta(key, lastSeq, count);
    const [kind, rest] =
      key === 'home' ? ['home', ''] : [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    switch (kind) {
      case 'home':
        return { key, kind: 'home', dir: '', title: this.siteTitle, lastSeq, count };
      case 'person': {
        // A person's page shows their posts: with none, there is no page, opted in or not.
        const p = this.peopleById.get(Number(rest));
        if (!p || count === 0) return undefined;
        return { key, kind: 'person', dir: personDir(p.handle), title: `${p.name} (@${p.handle})`, lastSeq, count };
      }
      case 'room': {
        const r = this.roomsById.get(Number(rest));
        if (!r || (!r.enabled && count === 0)) return undefined;
        return { key, kind: 'room', dir: roomDir(r.slug), title: r.name, lastSeq, count };
      }
      case 'network':
        return count === 0
          ? undefined
          : { key, kind: 'network', dir: networkDir(rest), title: networkLabel(rest), lastSeq, count };
      default:
        return count === 0 ? undefined : { key, kind: 'tag', dir: tagDir(rest), title: `#${rest}`, lastSeq, count };
    }
  }

  async range(key: TimelineKey, fromSeq: number, toSeq: number): Promise<{ posts: PostView[]; seqs: number[] }> {
    if (RemoteReader.isRemote(key)) return unzip(await this.remote.range(key, fromSeq, toSeq));
    const local = await this.localRange(key, fromSeq, toSeq);
    if (key !== 'home' || !this.remote.anyHome) return local;
    return merge(local, await this.remote.range(key, fromSeq, toSeq), Number.MAX_SAFE_INTEGER);
  }

  private async localRange(key: TimelineKey, fromSeq: number, toSeq: number) {
    const { rows, seqs } = await this.entries('te.seq BETWEEN ? AND ?', [key, fromSeq, toSeq]);
    return { posts: await this.hydrate(rows), seqs };
  }

  async rangeIds(key: TimelineKey, fromSeq: number, toSeq: number) {
    if (RemoteReader.isRemote(key) || (key === 'home' && this.remote.anyHome)) return undefined;
    // From the timeline's index alone, as two lists in one row (an object per entry cost more than the read). Hidden
    // posts are listed too: no read gives one, so it has no card, and the read of the posts without one leaves it out.
    const row = await this.db.one<{ ids: string; seqs: string }>(
      'SELECT json_group_array(post_id ORDER BY seq DESC) AS ids, json_group_array(seq ORDER BY seq DESC) AS seqs ' +
        'FROM timeline_entries WHERE timeline = ? AND seq BETWEEN ? AND ?',
      [key, fromSeq, toSeq],
    );
    return { ids: JSON.parse(row!.ids) as number[], seqs: JSON.parse(row!.seqs) as number[] };
  }

  async newest(key: TimelineKey, limit: number): Promise<{ posts: PostView[]; seqs: number[] }> {
    if (RemoteReader.isRemote(key)) return unzip(await this.remote.newest(key, limit));
    const local = await this.localNewest(key, limit);
    if (key !== 'home' || !this.remote.anyHome) return local;
    return merge(local, await this.remote.newest(key, limit), limit);
  }

  private async localNewest(key: TimelineKey, limit: number) {
    const { rows, seqs } = await this.entries('1', [key, limit], 'LIMIT ?');
    return { posts: await this.hydrate(rows), seqs };
  }

  /** A timeline's shown posts where `where`, newest first, as JSON in one row (not the driver's object per row). */
  private async entries(where: string, params: SqlValue[], limit = '') {
    const got = await this.db.one<{ rows: string | null }>(
      `SELECT json_group_array(json_array(seq, json(r)) ORDER BY seq DESC) AS rows FROM (
         SELECT te.seq AS seq, ${POST_JSON} AS r FROM timeline_entries te JOIN posts p ON p.id = te.post_id
         WHERE te.timeline = ? AND ${where} AND p.hidden = 0 ORDER BY te.seq DESC ${limit})`,
      params,
    );
    const rows: PostRow[] = [];
    const seqs: number[] = [];
    for (const [seq, cells] of JSON.parse(got?.rows ?? '[]') as [number, (string | number | null)[]][]) {
      seqs.push(seq);
      rows.push(postRowAt(cells, 0));
    }
    return { rows, seqs };
  }

  async posts(ids: readonly number[], opts: { conversation?: boolean } = {}): Promise<PostView[]> {
    if (!ids.length) return [];
    const got = await this.db.one<{ rows: string | null }>(
      `SELECT json_group_array(${POST_JSON} ORDER BY p.id) AS rows FROM posts p ` +
        `WHERE p.id IN (${IN_LIST}) AND p.hidden = 0`,
      [JSON.stringify(ids)],
    );
    const rows = postRowsOf(got?.rows);
    const views = await this.hydrate(rows);
    return opts.conversation ? withConversation(this.db, views, rows, this.lookups) : views;
  }

  async thread(root: number): Promise<{ post: PostView; depth: number }[]> {
    const order = await threads.thread(this.db, root);
    if (order.length < 2) return [];
    const byId = new Map((await this.posts(order.map((o) => o.id))).map((p) => [p.id, p]));
    return order.flatMap((o) => (byId.has(o.id) ? [{ post: byId.get(o.id)!, depth: o.depth }] : []));
  }

  threadRoots(): Promise<number[]> {
    return threads.threadRoots(this.db);
  }

  async pageNewest(pageSize: number): Promise<Map<TimelineKey, number[]>> {
    const out = new Map<TimelineKey, number[]>();
    const rows = await this.db.all<{ timeline: TimelineKey; page: number; newest: number }>(
      'SELECT timeline, (seq - 1) / ? + 1 AS page, max(post_id) AS newest FROM timeline_entries ' +
        'GROUP BY timeline, page',
      [pageSize],
    );
    for (const r of rows) (out.get(r.timeline) ?? out.set(r.timeline, []).get(r.timeline)!)[r.page] = r.newest;
    return out;
  }

  async lastPostId(): Promise<number> {
    return (await this.db.get<{ id: number | null }>('SELECT max(id) AS id FROM posts'))?.id ?? 0;
  }

  async postIdsAfter(afterId: number, limit: number): Promise<number[]> {
    return (
      await this.db.all<{ id: number }>('SELECT id FROM posts WHERE id > ? ORDER BY id LIMIT ?', [afterId, limit])
    ).map(idOf);
  }

  async people(): Promise<PersonView[]> {
    // Everyone's posts are on their own timeline: its count says who has any. (A look into the posts' index per
    // person read a page of it each, ~20 ms of a one-post render at 100,000 posts.)
    const withPosts = new Set(
      (
        await this.db.all<{ id: number }>(
          "SELECT CAST(substr(timeline, 8) AS INTEGER) AS id FROM timeline_counts WHERE timeline > 'person:' AND " +
            "timeline < 'person;' AND n > 0",
        )
      ).map(idOf),
    );
    return [...this.peopleById.entries()]
      .filter(([id]) => withPosts.has(id))
      .map(([, p]) => ({ handle: p.handle, name: p.name }))
      .sort((a, b) => compareKeys(a.handle, b.handle));
  }

  /** Old handles whose pages point at their person's page now. */
  quarterStarts(key: TimelineKey) {
    return quarterStarts(this.db, key);
  }

  profile(personId: number) {
    return profiles.profile(this.db, personId);
  }

  async redirects(): Promise<{ handle: string; personId: number; to: string }[]> {
    return [...this.oldHandles].flatMap(([personId, handles]) => {
      const to = this.peopleById.get(personId)?.handle;
      return to ? handles.map((handle) => ({ handle, personId, to })) : [];
    });
  }

  /** Folders of a person's old handles, where their feeds are kept up to date for old subscribers. */
  aliasDirs(key: TimelineKey): string[] {
    if (!key.startsWith('person:')) return [];
    return (this.oldHandles.get(Number(key.slice(7))) ?? []).map(personDir);
  }

  /** The folder a timeline's pages lived in, for one that has no pages any more. */
  dirOf(key: TimelineKey): string | undefined {
    if (RemoteReader.isRemote(key)) return this.remote.dirOf(key);
    const [kind, rest] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (kind === 'tag') return tagDir(rest);
    if (kind === 'network') return networkDir(rest);
    if (kind === 'person') return ((p) => p && personDir(p.handle))(this.peopleById.get(Number(rest)));
    if (kind === 'room') return ((r) => r && roomDir(r.slug))(this.roomsById.get(Number(rest)));
    return undefined;
  }

  async tags(): Promise<{ tag: string; count: number }[]> {
    return this.db.all<{ tag: string; count: number }>(
      "SELECT substr(timeline, 5) AS tag, n AS count FROM timeline_counts WHERE timeline LIKE 'tag:%' AND n > 0 " +
        'ORDER BY tag',
    );
  }

  /** Networks with posts here (their timelines), by name. */
  async networks(): Promise<string[]> {
    const rows = await this.db.all<{ timeline: string }>(
      "SELECT timeline FROM timeline_heads WHERE timeline LIKE 'network:%' AND last_seq > 0 ORDER BY timeline",
    );
    return rows.map((r) => r.timeline.slice('network:'.length));
  }

  async rooms(): Promise<RoomView[]> {
    return [...this.roomsById.values()]
      .filter((r) => r.enabled)
      .map(({ slug, name, network }) => ({ slug, name, network }))
      .sort((a, b) => compareKeys(a.slug, b.slug));
  }

  async rankable(key: TimelineKey): Promise<PostView[]> {
    if (!this.anyInteractions) return [];
    if (RemoteReader.isRemote(key)) return this.remote.rankable(key);
    const followed = key === 'home' && this.remote.anyHome ? await this.remote.rankable(key) : [];
    const rows = await this.db.all<{ post_id: number }>(
      `SELECT te.post_id FROM (${INTERACTED}) i CROSS JOIN timeline_entries te ON te.post_id = i.post_id
       WHERE te.timeline = ?`,
      [key],
    );
    return [...(await this.posts(rows.map((r) => r.post_id))), ...followed];
  }

  async sortable(): Promise<Set<TimelineKey>> {
    if (!this.anyInteractions) return new Set();
    const rows = await this.db.all<{ timeline: TimelineKey }>(
      `SELECT DISTINCT te.timeline FROM (${INTERACTED}) i CROSS JOIN timeline_entries te ON te.post_id = i.post_id`,
    );
    return new Set([...rows.map((r) => r.timeline), ...(await this.remote.sortable())]);
  }

  async searchDocs(ids: readonly number[]) {
    const unknown = { handle: 'unknown', name: 'unknown' };
    const docs: (search.DocRow & { author: { handle: string; name: string } })[] = [];
    for (const [id, slug, at, text, personId] of await search.docRows(this.db, ids))
      docs.push({ id, slug, at, text, author: this.lookups.person(personId) ?? unknown });
    return docs;
  }

  searchShard(prefix: string): Promise<Map<string, number[]>> {
    return search.shard(this.db, prefix);
  }

  searchParts(): Promise<{ shards: string[]; buckets: number[] }> {
    return search.parts(this.db);
  }
  searchLists(after: string, limit: number): Promise<[string, number[]][]> {
    return search.listsAfter(this.db, after, limit);
  }

  async pinned(key: TimelineKey): Promise<PostView[]> {
    const room = key.startsWith('room:') ? Number(key.slice(5)) : undefined;
    if (key !== 'home' && room === undefined) return [];
    const rows = await this.db.all<PostRow>(
      `SELECT ${POST_COLUMNS} FROM posts p WHERE p.pinned = 1 AND p.hidden = 0` +
        (room === undefined ? '' : ' AND p.room_id = ?') +
        ' ORDER BY p.id DESC LIMIT 10',
      room === undefined ? [] : [room],
    );
    return this.hydrate(rows);
  }

  async feedTokens(): Promise<string[]> {
    return (await this.db.all<{ token: string }>('SELECT token FROM feed_links ORDER BY token')).map((r) => r.token);
  }

  async inbox(): Promise<{ name: string; sealed: string }[]> {
    return this.db.all<{ name: string; sealed: string }>(
      'SELECT name, sealed FROM inbox_out WHERE sealed IS NOT NULL ORDER BY name',
    );
  }

  async tombstones(key: TimelineKey): Promise<number[]> {
    return this.tombs.get(key) ?? [];
  }

  /** The posts these echo, as views (one level: an echo of an echo is not made). */
  /**
   * What hydrating posts needs of this reader, as it is at each call: one object, not new closures per batch (V8
   * optimizes every new closure again).
   */
  private readonly lookups: Lookups = readerLookups(this);

  private localParents(ids: number[]) {
    return localParents(this.db, ids, this.lookups);
  }

  private hydrate(rows: PostRow[]): Promise<PostView[]> {
    return hydrate(this.db, rows, this.lookups);
  }
}

function unzip(list: readonly Seqd[]): { posts: PostView[]; seqs: number[] } {
  return { posts: list.map((x) => x.post), seqs: list.map((x) => x.seq) };
}

/** Local and remote posts of one timeline (home), newest first by position, at most `limit`. */
function merge(local: { posts: PostView[]; seqs: number[] }, remote: readonly Seqd[], limit: number) {
  const all: Seqd[] = [...local.posts.map((post, i) => ({ post, seq: local.seqs[i]! })), ...remote];
  return unzip(all.sort((a, b) => b.seq - a.seq).slice(0, limit));
}
