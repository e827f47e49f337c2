// A few at a time, and nothing left running behind a failure (timeline heads, pulls, inboxes, publishing use it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { pool } from '../../src/core/pool.ts';

test('issue 18: pool runs at most its limit at once and every item once', async () => {
  for (const [count, limit] of [
    [0, 4],
    [3, 4],
    [10, 4],
    [10, 1],
  ] as const) {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await pool(
      Array.from({ length: count }, (_, i) => i),
      limit,
      async (i) => {
        most = Math.max(most, ++running);
        await sleep(1);
        seen.push(i);
        running--;
      },
    );
    assert.deepEqual(
      seen.sort((a, b) => a - b),
      Array.from({ length: count }, (_, i) => i),
    );
    assert.ok(most <= limit, `${most} at once, limit ${limit}`);
  }
});

test('issue 18: after a failure pool starts nothing, lets the items under way finish, then throws the first', async () => {
  const started: number[] = [];
  const finished: number[] = [];
  await assert.rejects(
    pool([0, 1, 2, 3, 4, 5, 6, 7], 3, async (i) => {
      started.push(i);
      if (i === 1) throw new Error('first');
      await sleep(5);
      if (i === 2) throw new Error('second');
      finished.push(i);
    }),
    /first/,
  );
  assert.deepEqual(started, [0, 1, 2], 'nothing started after the failure');
  assert.deepEqual(finished, [0], 'the item under way finished before pool returned');
});
