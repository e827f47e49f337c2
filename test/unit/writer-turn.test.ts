// Issue 18: a full render's threads take turns at creating files (two creating files in one folder at once each took
// several times longer). A writer keeps its files while another thread writes, and waits for the turn only when it
// must.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { newTurn, noneKnown, SiteWriter } from '../../src/site/writer.ts';
import { tempDir } from '../helpers.ts';

const files = (dir: string) => (existsSync(join(dir, 'posts')) ? readdirSync(join(dir, 'posts')).length : 0);

test('issue 18: while another thread has the turn, full batches wait in memory; then they are written', async () => {
  const dir = tempDir();
  const turn = newTurn();
  const writer = new SiteWriter(dir, noneKnown, { batch: 8, turn });
  Atomics.store(turn, 0, 1);
  for (let i = 0; i < 100; i++) await writer.put(`posts/${i}.html`, `<p>${i}</p>`);
  assert.equal(files(dir), 0, 'nothing written while the turn is taken');
  Atomics.store(turn, 0, 0);
  await writer.put('posts/100.html', '<p>100</p>');
  assert.equal(files(dir), 101);
  assert.equal(Atomics.load(turn, 0), 0, 'the turn is given back');
  assert.equal(writer.written.length, 101);
});

test('issue 18: a flush that must write waits until the other thread ends its turn', async () => {
  const dir = tempDir();
  const turn = newTurn();
  const writer = new SiteWriter(dir, noneKnown, { batch: 1000, turn });
  // Another thread takes the turn, says so, and ends it 300 ms later.
  const other = new Worker(
    `const { workerData: t, parentPort } = require('node:worker_threads');
     Atomics.store(t, 0, 1); parentPort.postMessage('taken');
     setTimeout(() => { Atomics.store(t, 0, 0); Atomics.notify(t, 0, 1); }, 300);`,
    { eval: true, workerData: turn },
  );
  await new Promise((r) => other.once('message', r));
  await writer.put('posts/a.html', 'a');
  const started = performance.now();
  await writer.flush();
  assert.ok(performance.now() - started >= 250, 'it waited for the turn');
  assert.equal(files(dir), 1);
  await other.terminate();
});

test('issue 18: a turn its thread never ended (it died writing) delays a flush once, then is taken over', async () => {
  const dir = tempDir();
  const turn = newTurn();
  const writer = new SiteWriter(dir, noneKnown, { batch: 1000, turn });
  Atomics.store(turn, 0, 1);
  await writer.put('posts/a.html', 'a');
  await writer.flush();
  assert.equal(files(dir), 1);
  assert.equal(Atomics.load(turn, 0), 0, 'taken over and ended: the next flush does not wait');
  await writer.put('posts/b.html', 'b');
  const started = performance.now();
  await writer.flush();
  assert.ok(performance.now() - started < 1000);
  assert.equal(files(dir), 2);
});
