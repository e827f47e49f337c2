// A promise-shaped sqlite3 connection with a write lock, so transactions never interleave.
import sqlite3 from 'sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreError } from '../core/errors.ts';

export type SqlValue = string | number | bigint | null | Buffer;
export type Row = Record<string, SqlValue>;

/** Prepared statements kept per connection: a render reads with a dozen texts, thousands of times each. */
const KEPT_STATEMENTS = 64;
const MANY_PARAMS = 16;

/** A driver callback that settles a read's promise, its error as a StoreError. */
function settle<T>(resolve: (rows: T[]) => void, reject: (err: unknown) => void) {
  return (err: Error | null, rows: unknown[]) =>
    err ? reject(new StoreError(`SQL failed: ${err.message}`, { cause: err })) : resolve(rows as T[]);
}

export class Db {
  private lock: Promise<unknown> = Promise.resolve();
  /** By text, least recently used first; each is prepared once (a fresh one costs two more trips to a thread). */
  private readonly kept = new Map<string, Promise<sqlite3.Statement>>();
  private closing = false;

  private constructor(
    private readonly raw: sqlite3.Database,
    readonly path: string,
  ) {}

  /** `cacheMb`: SQLite's page cache for this connection (a render worker's is small: it reads each page once). */
  static async open(path: string, cacheMb = 16): Promise<Db> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
      const d = new sqlite3.Database(path, (err) =>
        err ? reject(new StoreError(`cannot open database ${path}`, { cause: err })) : resolve(d),
      );
    });
    const db = new Db(raw, path);
    // secure_delete: what is deleted (forget, delete) is overwritten in the file, not left in free pages.
    await db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
      PRAGMA busy_timeout = 5000; PRAGMA cache_size = -${Math.round(cacheMb * 1024)}; PRAGMA secure_delete = ON;`);
    return db;
  }

  /** A connection that can only read, and creates nothing: for looking without touching (doctor). */
  static async openReadOnly(path: string): Promise<Db> {
    const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
      const d = new sqlite3.Database(path, sqlite3.OPEN_READONLY, (err) =>
        err ? reject(new StoreError(`cannot open database ${path}`, { cause: err })) : resolve(d),
      );
    });
    return new Db(raw, path);
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<{ lastID: number; changes: number }> {
    return new Promise((resolve, reject) => {
      this.raw.run(sql, params, function (err) {
        if (err) reject(new StoreError(`SQL failed: ${err.message}`, { cause: err }));
        else resolve({ lastID: this.lastID, changes: this.changes });
      });
    });
  }

  get<T = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      this.raw.get(sql, params, (err, row) =>
        err ? reject(new StoreError(`SQL failed: ${err.message}`, { cause: err })) : resolve(row as T | undefined),
      );
    });
  }

  /**
   * Every row, by a statement kept prepared for the next call with the same text. Safe to keep: reading to the end
   * leaves it holding no snapshot (a `get` stops at the first row, and would).
   */
  async all<T = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    // Many parameters are a list of `?`s, a new text at each length: not worth a place among the kept. A read begun
    // while the connection closes is not kept either (a statement kept then would make the close fail).
    if (params.length > MANY_PARAMS || this.closing)
      return new Promise((resolve, reject) => this.raw.all(sql, params, settle(resolve, reject)));
    const statement = await this.statement(sql);
    return new Promise((resolve, reject) => statement.all(params, settle(resolve, reject)));
  }

  /** The first row of a statement that yields one (an aggregate, a key), by a kept statement as `all`. */
  async one<T = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  private statement(sql: string): Promise<sqlite3.Statement> {
    const known = this.kept.get(sql);
    if (known) {
      this.kept.delete(sql);
      this.kept.set(sql, known);
      return known;
    }
    const made = new Promise<sqlite3.Statement>((resolve, reject) => {
      const st: sqlite3.Statement = this.raw.prepare(sql, (err: Error | null) => {
        if (!err) return resolve(st);
        // Unless a newer one took its place meanwhile.
        if (this.kept.get(sql) === made) this.kept.delete(sql);
        reject(new StoreError(`SQL failed: ${err.message}`, { cause: err }));
      });
    });
    this.kept.set(sql, made);
    if (this.kept.size > KEPT_STATEMENTS) {
      const [oldest, dropped] = this.kept.entries().next().value!;
      this.kept.delete(oldest);
      // Finalized after the calls already queued on it.
      dropped.then((st) => st.finalize()).catch(() => undefined);
    }
    return made;
  }

  /** One statement for many rows: `prefix` up to VALUES, then the rows' placeholders, then `suffix`. */
  async runMany(prefix: string, rows: readonly (readonly SqlValue[])[], suffix = ''): Promise<void> {
    if (!rows.length) return;
    const width = rows[0]!.length;
    const per = Math.max(1, Math.floor(30000 / width));
    const group = `(${Array.from({ length: width }, () => '?').join(',')})`;
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      await this.run(`${prefix} VALUES ${chunk.map(() => group).join(',')} ${suffix}`, chunk.flat());
    }
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.raw.exec(sql, (err) =>
        err ? reject(new StoreError(`SQL failed: ${err.message}`, { cause: err })) : resolve(),
      );
    });
  }

  /** Runs fn inside BEGIN IMMEDIATE … COMMIT, after every earlier transaction has finished. */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.lock.then(async () => {
      await this.exec('BEGIN IMMEDIATE');
      try {
        const value = await fn();
        await this.exec('COMMIT');
        return value;
      } catch (err) {
        await this.exec('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
    this.lock = result.catch(() => undefined);
    return result;
  }

  /**
   * Copies the write-ahead log into the database and truncates it, after every earlier transaction. A reader
   * (the permalink worker) can hold the log for a moment: then it tries again, for up to ten seconds.
   */
  checkpoint(): Promise<void> {
    const result = this.lock.then(async () => {
      for (let i = 0; i < 100; i++) {
        const r = await this.get<{ busy: number }>('PRAGMA wal_checkpoint(TRUNCATE)');
        if (!r?.busy) return;
        await new Promise((ok) => setTimeout(ok, 100));
      }
      throw new StoreError('the write-ahead log could not be checkpointed: a reader held it for ten seconds');
    });
    this.lock = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    // A connection with a statement not finalized refuses to close.
    this.closing = true;
    const kept = [...this.kept.values()];
    this.kept.clear();
    for (const made of kept) {
      const st = await made.catch(() => undefined);
      if (st) await new Promise<void>((resolve) => st.finalize(() => resolve()));
    }
    return new Promise((resolve, reject) => this.raw.close((err) => (err ? reject(err) : resolve())));
  }
}
