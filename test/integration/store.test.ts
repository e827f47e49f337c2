// The SQLite store itself: migrations, literal escaping of hostile text, ids never reused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/index.ts';
import { MIGRATIONS } from '../../src/store/migrations.ts';
import { lit } from '../../src/store/sql.ts';
import { Ingest } from '../../src/core/ingest.ts';
import { defaultRules } from '../../src/core/rules.ts';
import { ev, tempDir } from '../helpers.ts';

test('migrations apply once, in order, and reopening changes nothing', async () => {
  const path = join(tempDir(), 'm.db');
  const s1 = await SqliteStore.open(path);
  const applied = await s1.db.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  assert.deepEqual(
    applied.map((r) => r.version),
    MIGRATIONS.map((m) => m.version),
  );
  assert.equal((await s1.db.get<{ journal_mode: string }>('PRAGMA journal_mode'))!.journal_mode, 'wal');
  assert.equal((await s1.db.get<{ foreign_keys: number }>('PRAGMA foreign_keys'))!.foreign_keys, 1);
  await s1.close();
  const s2 = await SqliteStore.open(path);
  assert.equal((await s2.db.get<{ n: number }>('SELECT count(*) AS n FROM schema_migrations'))!.n, MIGRATIONS.length);
  await s2.close();
});

test('SQL literals carry any text unchanged', async () => {
  const s = await SqliteStore.open(join(tempDir(), 'l.db'));
  const hostile = [
    "it's",
    "'); DROP TABLE posts; --",
    'nul\u0000inside',
    'emoji 👋 and \u202E bidi',
    '\\ backslash',
    '',
    'a'.repeat(10_000),
  ];
  for (const text of hostile) {
    const row = await s.db.get<{ v: string }>(`SELECT ${lit(text)} AS v`);
    assert.equal(row!.v, text);
  }
  assert.equal(lit(null), 'NULL');
  assert.equal(lit(true), '1');
  assert.throws(() => lit(Number.NaN), /finite/);
  assert.ok(await s.db.get("SELECT 1 FROM sqlite_master WHERE name = 'posts'"));
  await s.close();
});

test('a deleted post id is never given to a new post', async () => {
  const s = await SqliteStore.open(join(tempDir(), 'i.db'));
  await s.ensureRoom('test', 'r', 'R', true, 'opted-in');
  const ingest = new Ingest(s, defaultRules());
  await ingest.handle(ev.join({ id: 'a' }));
  const first = await ingest.handle(ev.say({ id: 'a' }, 'r', 'one', 'x1'));
  await ingest.handle(ev.retract({ id: 'a' }, 'x1'));
  const second = await ingest.handle(ev.say({ id: 'a' }, 'r', 'two', 'x2'));
  assert.ok(first.result === 'posted' && second.result === 'posted');
  assert.ok(second.postId > first.postId);
  await s.close();
});

test('a failed transaction leaves nothing behind', async () => {
  const s = await SqliteStore.open(join(tempDir(), 'f.db'));
  await assert.rejects(
    s.write(async (tx) => {
      const p = await tx.createPerson('ghost', 'Ghost', 1);
      await tx.setOptIn(p.id, true);
      await tx.post(1); // flushes the buffered writes inside the transaction
      throw new Error('boom');
    }),
    /boom/,
  );
  assert.equal((await s.counts()).people, 0);
  await s.close();
});
