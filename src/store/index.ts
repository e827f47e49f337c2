// The SQLite store: the only place SQL lives. Everything else talks to it through the interfaces in src/core.
import type { OutgoingDm, RenderTarget } from '../core/model.ts';
import type { RenderMark } from '../core/jobs.ts';
import { capabilityDir } from '../core/paths.ts';
import { sortedTargets } from '../core/targets.ts';
import type { PostPlacement, Store, StoreTx } from '../core/ports.ts';
import type {
  DeliveryStore,
  MediaStore,
  MeshStore,
  PublishStore,
  RemoteChanges,
  RenderStore,
  SourceStore,
} from '../core/jobs.ts';
import { Db } from './db.ts';
import { migrate, type MigrationLog } from './migrations.ts';
import * as manifest from './manifest.ts';
import * as outbox from './outbox.ts';
import * as attachments from './attachments.ts';
import * as embeds from './embeds.ts';
import * as profiles from './profiles.ts';
import * as people from './people.ts';
import * as posts from './posts.ts';
import * as privates from './private.ts';
import * as remote from './remote.ts';
import * as sources from './sources.ts';
import { BufferedTx, WriteCache } from './tx.ts';
import { SqliteSiteReader } from './site-reader.ts';
import { sitemapReader } from './site-lists.ts';

export type { ManifestEntry } from './manifest.ts';
export type { OutboxItem, OutboxRef, PublishItem, PublishOp } from './outbox.ts';

export class SqliteStore implements Store, RenderStore, PublishStore, DeliveryStore, MediaStore {
  readonly reader: SqliteSiteReader;
  readonly sitemap: ReturnType<typeof sitemapReader>;
  /** What this site follows on the mesh. */
  readonly sources: SourceStore;
  /** Posts of what it follows. */
  readonly mesh: MeshStore;
  get location(): string {
    return this.db.path;
  }

  private constructor(
    readonly db: Db,
    siteTitle: string,
    private readonly secret: string,
  ) {
    this.reader = new SqliteSiteReader(db, siteTitle);
    this.sitemap = sitemapReader(db);
    this.sources = {
      list: () => sources.listSources(db),
      add: (id, addedBy, key) => sources.addSource(db, id, addedBy, Date.now(), key),
      remove: (id) => sources.removeSource(db, id),
      recordPull: (id, r) => sources.recordPull(db, id, r),
      pin: (id, key) => sources.pinKey(db, id, key),
      syncConfig: (wanted) => sources.syncConfigSources(db, wanted, Date.now()),
    };
    this.mesh = {
      pendingInbox: () => privates.inbox(db, true),
      sealInbox: (name, sealed) =>
        db.transaction(async () => {
          await privates.sealInbox(db, name, sealed);
          if (sealed !== null) await outbox.queueRender(db, [{ kind: 'inbox' }]);
        }),
      inboxSeen: (site) => privates.seen(db, site),
      markInboxSeen: (site, names) => db.transaction(() => privates.markSeen(db, site, names)),
      ingest: (batch, renders) => this.remoteChange(() => remote.ingest(db, batch, Date.now()), renders),
      dropSource: (id, renders) => this.remoteChange(() => remote.dropSource(db, id), renders),
      purge: (blocked, renders) => this.remoteChange(() => remote.purge(db, blocked), renders),
    };
  }

  /** One transaction for a change to remote posts and the renders it asks for. */
  private async remoteChange(
    change: () => Promise<RemoteChanges>,
    renders: (placements: PostPlacement[]) => RenderTarget[],
  ): Promise<RemoteChanges> {
    return this.db.transaction(async () => {
      const c = await change();
      const targets = [...renders(c.placements), ...sortedTargets(c.ranked)];
      if (targets.length) await outbox.queueRender(this.db, targets);
      // It moved timeline heads (home's too) behind the write cache's back.
      if (c.placements.length) this.cache = new WriteCache();
      return c;
    });
  }

  static async open(path: string, siteTitle = 'Meshline', log?: MigrationLog, cacheMb?: number): Promise<SqliteStore> {
    const db = await Db.open(path, cacheMb);
    await migrate(db, log);
    const secret = (await db.get<{ value: string }>("SELECT value FROM settings WHERE key = 'install_secret'"))!.value;
    return new SqliteStore(db, siteTitle, secret);
  }

  private cache = new WriteCache();
  private dataVersion = -1;

  async write<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    let checkpoint = false;
    const value = await this.db.transaction(async () => {
      // Another connection (a second meshline process) committed since our last write: forget what we knew.
      const version = (await this.db.get<{ data_version: number }>('PRAGMA data_version'))!.data_version;
      if (version !== this.dataVersion) this.cache = new WriteCache();
      this.dataVersion = version;
      const tx = new BufferedTx(this.db, this.cache, this.secret);
      try {
        const value = await fn(tx);
        await tx.flush();
        this.cache = tx.cache;
        checkpoint = tx.needsCheckpoint;
        return value;
      } catch (err) {
        this.cache = new WriteCache();
        throw err;
      }
    });
    // Deleted rows are overwritten in the database (secure_delete); their old pages still sit in the write-ahead
    // log until it is checkpointed and truncated.
    if (checkpoint) await this.checkpoint();
    return value;
  }

  /** A private site's feed links for members (docs/PRIVATE.md); renders follow a change. */
  readonly feedLinks = {
    list: () => privates.feedLinks(this.db),
    add: (name: string, token: string) =>
      this.db.transaction(async () => {
        const added = await privates.addFeedLink(this.db, name, token, Date.now());
        if (added) await outbox.queueRender(this.db, [{ kind: 'head', timeline: 'home' }]);
        return added;
      }),
    remove: (name: string) =>
      this.db.transaction(async () => {
        const token = await privates.removeFeedLink(this.db, name);
        if (token) await outbox.queueRender(this.db, [{ kind: 'gone', prefix: capabilityDir(token) }]);
        return token;
      }),
  };

  /** Forgets removed posts' ids after a year: a follower that has not pulled since has bigger troubles. */
  /** When this store was made (its first migration): a fixed date for what has none of its own. */
  async since(): Promise<number> {
    return (await this.db.get<{ at: number }>('SELECT min(applied_at) AS at FROM schema_migrations'))!.at;
  }

  pruneTombstones(now = Date.now()): Promise<void> {
    return this.db.transaction(async () => {
      await this.db.run('DELETE FROM tombstones WHERE at < ?', [now - 365 * 86_400_000]);
    });
  }

  nextStatusDue(): Promise<number | undefined> {
    return posts.nextStatusDue(this.db);
  }

  /** Moves the write-ahead log into the database and truncates it (after forget: no deleted bytes linger). */
  checkpoint(): Promise<void> {
    return this.db.checkpoint();
  }

  peekRenders(limit: number, now = Date.now()) {
    return outbox.peek<RenderTarget>(this.db, 'render', now, limit);
  }
  /** Render targets whose files could not all be written wait, then render again. */
  postponeRenders(items: readonly outbox.OutboxRef[], notBefore: number): Promise<void> {
    return this.db.transaction(() =>
      outbox.postponeMany(
        this.db,
        items.map((i) => i.id),
        notBefore,
      ),
    );
  }
  peekDms(now: number, limit: number) {
    return outbox.peek<OutgoingDm>(this.db, 'dm', now, limit);
  }
  nextRenderAt(now = Date.now()) {
    return outbox.nextRenderAt(this.db, now);
  }
  peekPublish(limit: number) {
    return outbox.peekPublish(this.db, limit);
  }
  pendingAttachments(limit: number, networks: readonly string[] = []) {
    return attachments.pending(this.db, limit, networks);
  }
  pendingAvatars(limit: number) {
    return profiles.pendingAvatars(this.db, limit);
  }
  /** The avatar's copy (or none to be had), and the renders of the person's page and the people list. */
  settleAvatar(personId: number, path: string | null): Promise<void> {
    return this.db.transaction(async () => {
      await profiles.settleAvatar(this.db, personId, path);
      await outbox.queueRender(this.db, [
        { kind: 'head', timeline: `person:${personId}` },
        { kind: 'index', which: 'people' },
      ]);
    });
  }
  pendingVideos(limit: number) {
    return embeds.pending(this.db, limit);
  }
  settleVideo(
    postId: number,
    n: number,
    outcome: Parameters<typeof embeds.settle>[3],
    renders: (placements: PostPlacement[]) => RenderTarget[],
  ): Promise<void> {
    return this.db.transaction(async () => {
      const targets = renders(await embeds.settle(this.db, postId, n, outcome));
      if (targets.length) await outbox.queueRender(this.db, targets);
    });
  }
  /** Files mirrored before their sizes were kept (migration 13). */
  unsizedAttachments(limit: number) {
    return attachments.unsized(this.db, limit);
  }
  /**
   * Records what became of an attachment and, in the same transaction, the renders the caller's `renders` (the
   * core's decision) asks for, given where the post sits.
   */
  settleAttachment(
    postId: number,
    n: number,
    outcome: Parameters<typeof attachments.settle>[3],
    renders: (placements: PostPlacement[]) => RenderTarget[],
  ): Promise<void> {
    return this.db.transaction(async () => {
      const placements = await attachments.settle(this.db, postId, n, outcome);
      const targets = renders(placements);
      if (targets.length) await outbox.queueRender(this.db, targets);
    });
  }
  /** For verify: puts and deletes that repair drift between the manifest and what the target holds. */
  queuePublish(changes: readonly (readonly [path: string, op: outbox.PublishOp])[]): Promise<void> {
    return this.db.transaction(() => outbox.queuePublish(this.db, changes));
  }
  outboxDone(items: readonly outbox.OutboxRef[]): Promise<void> {
    return this.db.transaction(() => outbox.done(this.db, items));
  }
  outboxPostpone(id: number, notBefore: number): Promise<void> {
    return this.db.transaction(() => outbox.postpone(this.db, id, notBefore));
  }
  outboxCount(kind: outbox.OutboxKind): Promise<number> {
    return outbox.count(this.db, kind);
  }

  loadManifest() {
    return manifest.loadManifest(this.db);
  }
  manifestHashes(paths: readonly string[]) {
    return manifest.manifestHashes(this.db, paths);
  }
  async manifestPathsUnder(prefix: string) {
    return [...(await manifest.entriesUnder(this.db, prefix)).keys()];
  }
  nextGeneration() {
    return manifest.nextGeneration(this.db);
  }
  manifestEmpty() {
    return manifest.manifestEmpty(this.db);
  }
  unmarked(gen: number, after: string, limit: number) {
    return manifest.unmarked(this.db, gen, after, limit);
  }
  queuesPublish = true;
  /** Records a render's file changes and consumes the render targets it served, atomically. */
  commitRender(
    written: readonly manifest.ManifestEntry[],
    removed: readonly string[],
    doneItems: readonly outbox.OutboxRef[],
    mark?: RenderMark,
  ): Promise<void> {
    return this.db.transaction(async () => {
      await manifest.applyManifest(this.db, written, removed, mark, this.queuesPublish);
      await outbox.done(this.db, doneItems);
    });
  }

  async setting(key: string): Promise<string | undefined> {
    return (await this.db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key]))?.value;
  }

  setSetting(key: string, value: string): Promise<void> {
    return this.db.transaction(async () => {
      await this.db.run('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)', [key, value]);
    });
  }

  queueRender(targets: readonly RenderTarget[]): Promise<void> {
    return this.db.transaction(() => outbox.queueRender(this.db, targets));
  }

  /** Remembers which render targets exist now, so a full render can retire exactly those when it is done. */
  async snapshotRenders(): Promise<number> {
    await this.db.exec(
      'DROP TABLE IF EXISTS temp.render_snapshot; CREATE TEMP TABLE render_snapshot AS SELECT id, gen FROM outbox ' +
        "WHERE kind = 'render'",
    );
    return (await this.db.get<{ n: number }>('SELECT count(*) AS n FROM temp.render_snapshot'))!.n;
  }

  retireSnapshot(): Promise<void> {
    return this.db.transaction(() =>
      this.db.exec(
        'DELETE FROM outbox WHERE (id, gen) IN (SELECT id, gen FROM temp.render_snapshot); DROP TABLE ' +
          'temp.render_snapshot',
      ),
    );
  }

  ensureRoom(network: string, extId: string, name: string, enabled: boolean, policy: 'opted-in' | 'everyone') {
    return this.write((tx) => tx.upsertRoom(network, extId, name, enabled, policy));
  }

  async listPeople(): Promise<
    { handle: string; name: string; optedIn: boolean; identities: string[]; posts: number }[]
  > {
    const rows = await this.db.all<{ id: number; handle: string; name: string; opted_in: number; posts: number }>(
      'SELECT p.id, p.handle, p.name, p.opted_in, (SELECT count(*) FROM posts WHERE person_id = p.id) AS posts FROM ' +
        'people p ORDER BY p.handle',
    );
    const out = [];
    for (const r of rows) {
      const ids = (await people.identitiesOf(this.db, r.id)).map((i) => `${i.network}:${i.id}`);
      out.push({ handle: r.handle, name: r.name, optedIn: r.opted_in === 1, identities: ids, posts: r.posts });
    }
    return out;
  }

  /** Ids on a network of the people who opted in. */
  async optedInIds(network: string): Promise<string[]> {
    const rows = await this.db.all<{ ext_id: string }>(
      'SELECT i.ext_id FROM identities i JOIN people p ON p.id = i.person_id WHERE p.opted_in = 1 AND i.network = ?',
      [network],
    );
    return rows.map((r) => r.ext_id);
  }

  async counts(): Promise<{ people: number; posts: number; files: number }> {
    const g = async (sql: string) => (await this.db.get<{ n: number }>(sql))!.n;
    return {
      people: await g('SELECT count(*) AS n FROM people'),
      posts: await g('SELECT count(*) AS n FROM posts'),
      files: await g('SELECT count(*) AS n FROM manifest'),
    };
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
