// The buffering half of a write transaction: the SQL script and multi-row INSERTs it runs in one call at flush, and the
// switch to plain queries (`cold`) for rarer operations. BufferedTx (tx.ts) adds the operations.
import type { Db } from './db.ts';
import { keyedHash } from './migrations.ts';
import { lit, sql } from './sql.ts';
import { WriteCache } from './cache.ts';

/** Rows of the hot tables, written as one multi-row INSERT each after the ordered script (their parents come first). */
export const BULK = {
  posts:
    'INSERT INTO posts (id, person_id, kind, text, presence, room_id, network, at, action, source_key, slug, ' +
    'reply_to, reply_url, echo_of) VALUES ',
  attachments: 'INSERT INTO attachments (post_id, n, kind, url, name, encryption, access, state) VALUES ',
  tags: 'INSERT OR IGNORE INTO post_tags (post_id, tag) VALUES ',
  mentions: 'INSERT OR IGNORE INTO post_mentions (post_id, person_id) VALUES ',
  entries: 'INSERT INTO timeline_entries (timeline, seq, post_id) VALUES ',
  dedupe: 'INSERT INTO dedupe (key, at) VALUES ',
  terms: 'INSERT OR IGNORE INTO search_terms (term, post_id) VALUES ',
  embeds: 'INSERT INTO embeds (post_id, n, provider, video_id, url, origin) VALUES ',
} as const;

export class TxBuffer {
  protected script: string[] = [];
  protected bulk: Record<keyof typeof BULK, string[]> = {
    posts: [],
    attachments: [],
    tags: [],
    mentions: [],
    entries: [],
    dedupe: [],
    terms: [],
    embeds: [],
  };
  protected touched = new Map<string, { network: string; id: string; display: string; at: number }>();
  protected renders = new Map<string, string>();
  /** Renders that may wait (a new post's batch, src/core/publish-post.ts): when each is due; asked for now, it goes. */
  protected later = new Map<string, { payload: string; notBefore: number }>();
  protected dedupe = new Set<string>();
  protected knownNew = new Set<string>();
  protected identityWrites = false;
  /** Set when this transaction deleted someone: the store overwrites the log once it commits. */
  needsCheckpoint = false;

  constructor(
    protected readonly db: Db,
    protected c: WriteCache,
    private readonly secret: string,
  ) {}

  /** Dedupe and admission keys are stored only as keyed hashes: they name people. */
  protected hashed(key: string): string {
    return keyedHash(this.secret, key);
  }

  protected admissionKey(network: string, id: string): string {
    return this.hashed(`admission|${network}|${id}`);
  }

  get cache(): WriteCache {
    return this.c;
  }

  /** Runs the buffered writes. Called before any plain query and at commit. */
  async flush(): Promise<void> {
    for (const [timeline, h] of this.c.heads) {
      if (!h.dirty) continue;
      this.script.push(sql`INSERT OR REPLACE INTO timeline_heads (timeline, last_seq) VALUES (${timeline}, ${h.seq})`);
      h.dirty = false;
    }
    for (const t of this.touched.values()) {
      this.script.push(
        sql`UPDATE identities SET display = ${t.display}, last_seen = max(last_seen, ${t.at})
          WHERE network = ${t.network} AND ext_id = ${t.id}`,
      );
    }
    this.touched.clear();
    for (const [table, rows] of Object.entries(this.bulk) as [keyof typeof BULK, string[]][]) {
      if (!rows.length) continue;
      this.script.push(BULK[table] + rows.join(','));
      this.bulk[table] = [];
    }
    if (this.renders.size) {
      const rows = [...this.renders].map(([k, p]) => `('render', ${lit(k)}, ${lit(p)})`).join(',');
      this.script.push(
        `INSERT INTO outbox (kind, key, payload) VALUES ${rows} ` +
          'ON CONFLICT (kind, key) DO UPDATE SET gen = gen + 1, not_before = 0',
      );
      this.renders.clear();
    }
    if (this.later.size) {
      const rows = [...this.later].map(([k, l]) => `('render', ${lit(k)}, ${lit(l.payload)}, ${l.notBefore})`);
      // Asked for again, a waiting row keeps its time (a batch does not slide later), and a due one stays due.
      this.script.push(
        `INSERT INTO outbox (kind, key, payload, not_before) VALUES ${rows.join(',')} ` +
          'ON CONFLICT (kind, key) DO UPDATE SET gen = gen + 1',
      );
      this.later.clear();
    }
    this.identityWrites = false;
    if (!this.script.length) return;
    const text = this.script.join(';\n');
    this.script = [];
    await this.db.exec(text);
  }

  /** For operations that change many rows at once: run them on flushed state, then forget the caches. */
  protected async cold<T>(fn: () => Promise<T>, invalidates = true): Promise<T> {
    await this.flush();
    const value = await fn();
    if (invalidates) this.c = new WriteCache();
    return value;
  }
}
