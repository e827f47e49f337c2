// Issue 16: the sorts' formulas, table-driven.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { best, controversial, hot, points, rank, wilsonLower, worst, type Scored } from '../../src/core/ranking.ts';

const H = 3_600_000;
const post = (id: number, up: number, down: number, ageHours = 0, stars = 0, echoes = 0): Scored => ({
  id,
  at: 100 * H - ageHours * H,
  up,
  down,
  stars,
  echoes,
});

test('issue 16: Wilson lower bound, as published tables give it', () => {
  const cases: [number, number, number][] = [
    [0, 0, 0],
    [1, 1, 0.2065],
    [5, 10, 0.2366],
    [10, 10, 0.7225],
    [90, 100, 0.8256],
    [0, 10, 0],
  ];
  for (const [k, n, want] of cases)
    assert.ok(Math.abs(wilsonLower(k, n) - want) < 5e-4, `${k}/${n}: ${wilsonLower(k, n)}`);
});

test('issue 16: each score orders as it says', () => {
  assert.equal(points(post(1, 3, 1, 0, 2, 1)), 5);
  // Hot: the same points count for less as the post ages.
  assert.ok(hot(post(1, 5, 0, 1), 100 * H) > hot(post(2, 5, 0, 24), 100 * H));
  assert.ok(hot(post(1, 2, 0, 1), 100 * H) > hot(post(2, 10, 0, 48), 100 * H));
  // Best: 10 of 10 up beats 1 of 1; Worst mirrors it.
  assert.ok(best(post(1, 10, 0)) > best(post(2, 1, 0)));
  assert.ok(worst(post(1, 0, 10)) > worst(post(2, 0, 1)));
  assert.equal(best(post(1, 0, 0)), 0);
  // Controversial: balanced and many beats balanced and few beats one-sided.
  const cases: [Scored, number][] = [
    [post(1, 10, 10), 20],
    [post(2, 2, 2), 4],
    [post(3, 10, 0), 0],
    [post(4, 9, 3), 12 ** (3 / 9)],
  ];
  for (const [p, want] of cases) assert.ok(Math.abs(controversial(p) - want) < 1e-9, `#${p.id}`);
});

test('issue 16: rank sorts by score, then newest first, so unvoted posts keep their order', () => {
  const posts = [post(1, 0, 0, 5), post(2, 3, 0, 10), post(3, 0, 0, 1), post(4, 1, 3, 2)];
  const ids = (sort: Parameters<typeof rank>[1]) => rank(posts, sort, 100 * H).map((p) => p.id);
  assert.deepEqual(ids('best'), [2, 4, 3, 1]);
  assert.deepEqual(ids('worst'), [4, 3, 1, 2]);
  assert.deepEqual(ids('controversial'), [4, 3, 1, 2]);
  assert.deepEqual(ids('hot'), [2, 3, 1, 4]);
});
