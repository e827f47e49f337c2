// The clock's promises: debounced jobs run once after a burst, and no job ever overlaps itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Clock } from '../../src/schedule/clock';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a burst of triggers runs a debounced job once, after the last', async () => {
  const clock = new Clock();
  let runs = 0;
  const kick = clock.debounced('job', 50, async () => { runs++; });
  for (let i = 0; i < 10; i++) { kick(); await wait(5); }
  assert.equal(runs, 0);
  await wait(80);
  await clock.idle();
  assert.equal(runs, 1);
  await clock.stop();
});

test('a periodic job never overlaps itself; a round due while it runs comes once, after', async () => {
  const clock = new Clock();
  let running = 0, most = 0, runs = 0;
  const cancel = clock.every('poll', 10, async () => {
    running++; runs++;
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
