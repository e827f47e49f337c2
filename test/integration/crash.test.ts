// Nothing is lost: a process killed mid-import or mid-render resumes where it stopped, with nothing twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import { join, resolve } from 'node:path';
import { corpus } from '../../bench/corpus.ts';
import { SqliteStore } from '../../src/store/index.ts';
import { snapshotDir, tempDir } from '../helpers.ts';

const BIN = resolve('bin/meshline.js');
const run = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [BIN, '--quiet', ...args], { cwd, encoding: 'utf8' });

/** Starts a command and kills it with SIGKILL as soon as `query` on its database returns more than zero. */
async function killWhen(cwd: string, query: string, ...args: string[]): Promise<number> {
  const child = spawn(process.execPath, [BIN, '--quiet', ...args], { cwd, stdio: 'ignore' });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const db = join(cwd, 'data/meshline.db');
  for (let i = 0; i < 3000 && child.exitCode === null; i++) {
    await new Promise((r) => setTimeout(r, 10));
    if (!existsSync(db)) continue;
    const conn = new sqlite3.Database(db, sqlite3.OPEN_READONLY);
    const n = await new Promise<number>((r) =>
      conn.get(query, (err, row: { n: number } | undefined) => r(err ? 0 : (row?.n ?? 0))),
    );
    await new Promise((r) => conn.close(r));
    if (n > 0) {
      child.kill('SIGKILL');
      await exited;
      return n;
    }
  }
  await exited;
  return -1;
}

test('killed mid-import, then imported again: every event stored once', async () => {
  const dir = tempDir();
  const events = [...corpus({ posts: 20000, people: 20, rooms: 3, seed: 11 })];
  writeFileSync(join(dir, 'e.jsonl'), events.map((e) => JSON.stringify(e)).join('\n'));
  const stored = await killWhen(dir, 'SELECT count(*) AS n FROM posts', 'import', 'e.jsonl', '--rooms');
  assert.ok(stored > 0 && stored < 20000, `killed mid-import (${stored} posts stored)`);
  const again = run(dir, 'import', 'e.jsonl', '--rooms');
  assert.equal(again.status, 0, again.stderr);
  const store = await SqliteStore.open(join(dir, 'data/meshline.db'));
  assert.equal((await store.counts()).posts, 20000);
  await store.close();
});

test('killed mid-render, the next render converges to the same site as a clean one', async () => {
  const dir = tempDir();
  writeFileSync(
    join(dir, 'e.jsonl'),
    [...corpus({ posts: 4000, people: 30, rooms: 3, seed: 12 })].map((e) => JSON.stringify(e)).join('\n'),
  );
  assert.equal(run(dir, 'import', 'e.jsonl', '--rooms').status, 0);
  const clean = tempDir();
  copyFileSync(join(dir, 'data/meshline.db'), join(clean, 'meshline.db'));
  // With its key: the same database and the same key give the same bytes, signatures included.
  copyFileSync(join(dir, 'data/site-key.pem'), join(clean, 'site-key.pem'));
  const files = await killWhen(dir, 'SELECT count(*) AS n FROM manifest', 'render');
  assert.ok(files > 0, 'killed mid-render');
  const resumed = run(dir, 'render');
  assert.equal(resumed.status, 0, resumed.stderr);
  writeFileSync(join(clean, 'meshline.yaml'), 'store:\n  path: meshline.db\n');
  assert.equal(run(clean, 'render').status, 0);
  assert.deepEqual(snapshotDir(join(dir, 'output')), snapshotDir(join(clean, 'output')));
});
