// The clock's promises: debounced jobs run once after a burst, and no job ever overlaps itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Clock } from '../../src/schedule/clock.ts';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a burst of triggers runs a debounced job once, after the last', async () => {
  const clock = new Clock();
  let runs = 0;
  const kick = clock.debounced('job', 50, async () => {
    runs++;
  });
  for (let i = 0; i < 10; i++) {
    kick();
    await wait(5);
  }
  assert.equal(runs, 0);
  await wait(80);
  await clock.idle();
  assert.equal(runs, 1);
  await clock.stop();
});

test('a periodic job never overlaps itself; a round due while it runs comes once, after', async () => {
  const clock = new Clock();
  let running = 0,
    most = 0,
    runs = 0;
  const cancel = clock.every('poll', 10, async () => {
    running++;
    runs++;
    most = Math.max(most, running);
    await wait(45);
    running--;
  });
  await wait(200);
  cancel();
  await clock.idle();
  assert.equal(most, 1);
  assert.ok(runs >= 2 && runs <= 8, `${runs} runs: rounds due while one ran were merged`);
  const before = runs;
  await wait(50);
  assert.equal(runs, before, 'cancelled');
  await clock.stop();
});

// Issue 12: one person's status change delayed everyone's; a friend who changed status every few seconds kept
// everybody's from ever posting.
test('at: a later request never pushes back an earlier one', async () => {
  const clock = new Clock();
  const started = Date.now();
  const ran: number[] = [];
  const job = async () => {
    ran.push(Date.now() - started);
  };
  clock.at('statuses', started + 60, job);
  for (let i = 1; i <= 5; i++) {
    await wait(20);
    clock.at('statuses', Date.now() + 60, job);
  }
  await clock.idle();
  assert.ok(ran[0]! >= 55 && ran[0]! < 100, `first run at ${ran[0]} ms, due at 60`);
  clock.at('statuses', Date.now() + 200, job);
  clock.at('statuses', Date.now() + 20, job);
  const before = ran.length;
  await wait(60);
  assert.equal(ran.length, before + 1, 'an earlier time replaces a later one');
  await clock.stop();
});
