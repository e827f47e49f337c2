// The SQLite store itself: migrations, literal escaping of hostile text, ids never reused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/index.ts';
import { MIGRATIONS } from '../../src/store/migrations.ts';
import { lit } from '../../src/store/sql.ts';
import { POST_COLUMNS, POST_JSON, postRowsOf } from '../../src/store/rows.ts';
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

test('issue 18: posts read as JSON rows are the rows the driver gives, whatever their text', async () => {
  const s = await SqliteStore.open(join(tempDir(), 'j.db'));
  await s.ensureRoom('test', 'r', 'R', true, 'opted-in');
  const ingest = new Ingest(s, defaultRules());
  await ingest.handle(ev.join({ id: 'a' }));
  const made = await ingest.handle(ev.say({ id: 'a' }, 'r', 'base', 'x1'));
  assert.ok(made.result === 'posted');
  const id: number = made.postId;
  const texts = [
    'it\'s "quoted"',
    'nul\u0000inside',
    'tab\tline\nfeed\r\u0001\u001f\u007f',
    'emoji 👋 and \u202E bidi \u2028 \u2029',
    '\\ backslash \\u0041',
    '',
    '日本語 é e\u0301',
    'a'.repeat(10_000),
  ];
  for (const text of texts) {
    await s.db.run('UPDATE posts SET text = ?, edited_at = ?, reply_url = ? WHERE id = ?', [
      text,
      2 ** 52,
      text || null,
      id,
    ]);
    const driver: unknown[] = await s.db.all(`SELECT ${POST_COLUMNS} FROM posts p WHERE p.id = ?`, [id]);
    const json = await s.db.get<{ rows: string }>(
      `SELECT json_group_array(${POST_JSON}) AS rows FROM posts p WHERE p.id = ?`,
      [id],
    );
    assert.deepEqual(postRowsOf(json!.rows), driver, JSON.stringify(text.slice(0, 40)));
  }
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
