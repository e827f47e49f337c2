import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, retry } from '../../src/core/retry';
import { MeshlineError, NetworkError } from '../../src/core/errors';

test('backoff doubles, is capped, and jitters within [d/2, d]', () => {
  const opts = { initialMs: 100, maxMs: 1000 };
  const cases: [number, number, number][] = [[1, 0, 50], [1, 0.999, 100], [2, 0, 100], [3, 0, 200], [10, 0, 500], [10, 0.999, 1000]];
  for (const [attempt, r, want] of cases) assert.equal(backoffDelay(attempt, { ...opts, random: () => r }), want, `${attempt}/${r}`);
});

test('retry tries transient errors again and gives up on permanent ones', async () => {
  let n = 0;
  const v = await retry(async () => { if (++n < 3) throw new NetworkError('flaky'); return 'ok'; }, { initialMs: 1, maxMs: 2 });
  assert.equal(v, 'ok');
  assert.equal(n, 3);
  let m = 0;
  await assert.rejects(retry(async () => { m++; throw new MeshlineError('bad input'); }, { initialMs: 1 }), /bad input/);
  assert.equal(m, 1);
  let k = 0;
  await assert.rejects(retry(async () => { k++; throw new NetworkError('down'); }, { initialMs: 1, maxMs: 1, attempts: 4 }), /down/);
  assert.equal(k, 4);
});

test('a delay the server asks for is honoured (capped), instead of the computed one', async () => {
  const waits: number[] = [];
  let n = 0;
  const value = await retry(async () => { if (n++ < 2) throw Object.assign(new Error('slow down'), { retryAfterMs: n === 1 ? 30 : 999_999 }); return 'ok'; }, {
    initialMs: 1, maxMs: 40, attempts: 5, retryable: () => true,
    serverDelay: (err) => (err as { retryAfterMs?: number }).retryAfterMs,
    onRetry: (_e, _n, delay) => waits.push(delay),
  });
  assert.equal(value, 'ok');
  assert.deepEqual(waits, [30, 40]);
});

test('stopping (the signal) ends a retry while it waits, with the last failure and no further attempt', async () => {
  const stop = new AbortController();
  let n = 0;
  const started = Date.now();
  const p = retry(async () => { n++; throw new NetworkError(`down ${n}`); }, { attempts: Infinity, initialMs: 60_000, maxMs: 60_000, signal: stop.signal });
  setTimeout(() => stop.abort(), 50);
  await assert.rejects(p, /down 1/);
  assert.equal(n, 1);
  assert.ok(Date.now() - started < 5_000, 'did not sit out the backoff');
});
