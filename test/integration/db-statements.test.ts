// Issue 18: a connection keeps its statements prepared (src/store/db.ts), a read costing one trip to SQLite's thread
// instead of three. Kept statements must not change what a read sees: no snapshot held between reads, errors as before,
// the oldest dropped past the limit, and the connection still closes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Db } from '../../src/store/db.ts';
import { StoreError } from '../../src/core/errors.ts';
import { IN_LIST } from '../../src/store/chunks.ts';
import { tempDir } from '../helpers.ts';

async function twoConnections() {
  const path = join(tempDir(), 'kept.db');
  const a = await Db.open(path);
  await a.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  await a.run("INSERT INTO t (v) VALUES ('one'), ('two'), ('three')");
  const b = await Db.open(path);
  return { a, b };
}

test('issue 18: a kept statement holds no snapshot between reads', async () => {
  const { a, b } = await twoConnections();
  try {
    // Several rows read by `one`: the statement still runs to the end, so it keeps no read open.
    assert.deepEqual(await b.one('SELECT v FROM t ORDER BY id'), { v: 'one' });
    await a.run("INSERT INTO t (v) VALUES ('four')");
    assert.deepEqual(await b.one('SELECT count(*) AS n FROM t'), { n: 4 });
    assert.deepEqual(await b.one('SELECT v FROM t ORDER BY id'), { v: 'one' });
    assert.equal((await b.all('SELECT v FROM t ORDER BY id')).length, 4);
    // A reader holding the log would make the checkpoint report busy (and wait ten seconds).
    const started = Date.now();
    await a.checkpoint();
    assert.ok(Date.now() - started < 2000, 'nothing held the write-ahead log');
    // The same text with other values: bound again, not answered from the last call.
    const picked = await b.all<{ v: string }>(`SELECT v FROM t WHERE id IN (${IN_LIST}) ORDER BY id`, ['[2,4]']);
    assert.deepEqual(
      picked.map((r) => r.v),
      ['two', 'four'],
    );
    const none = await b.all(`SELECT v FROM t WHERE id IN (${IN_LIST}) ORDER BY id`, ['[]']);
    assert.deepEqual(none, []);
  } finally {
    await a.close();
    await b.close();
  }
});

test('issue 18: kept statements fail as before, make way past the limit, and let the connection close', async () => {
  const { a, b } = await twoConnections();
  try {
    await assert.rejects(a.all('SELECT nope FROM t'), StoreError);
    // Not kept broken: the same text fails again the same way, and a good one after it works.
    await assert.rejects(a.one('SELECT nope FROM t'), /no such column: nope/);
    assert.deepEqual(await a.one('SELECT v FROM t WHERE id = ?', [3]), { v: 'three' });
    // Two hundred texts, each read twice, some at once: the oldest are finalized while others are in use.
    const reads: Promise<unknown>[] = [];
    for (let i = 0; i < 200; i++) {
      const sql = `SELECT v, ${i} AS i FROM t WHERE id = ?`;
      reads.push(a.one(sql, [1 + (i % 3)]), a.one(sql, [1]));
    }
    const got = (await Promise.all(reads)) as { v: string; i: number }[];
    for (let i = 0; i < 200; i++) {
      assert.deepEqual(got[2 * i], { v: ['one', 'two', 'three'][i % 3], i });
      assert.deepEqual(got[2 * i + 1], { v: 'one', i });
    }
    // Many parameters: run as a statement of its own, not kept.
    const ids = Array.from({ length: 40 }, (_, i) => i + 1);
    assert.equal((await a.all(`SELECT v FROM t WHERE id IN (${ids.map(() => '?').join(',')})`, ids)).length, 3);
  } finally {
    await b.close();
  }
  // Closing finalizes what it kept: SQLite refuses to close a connection with statements left.
  await a.close();
});

test('issue 18: a read begun while the connection closes does not make the close fail', async () => {
  const { a, b } = await twoConnections();
  await b.close();
  assert.deepEqual(await a.one('SELECT v FROM t WHERE id = ?', [1]), { v: 'one' });
  const closing = a.close();
  // As before statements were kept: the late read runs or fails, and the close succeeds either way.
  const late = a.all('SELECT 2 AS n').catch((err: unknown) => err);
  await closing;
  const got = await late;
  assert.ok(Array.isArray(got) || got instanceof Error, String(got));
});
