import { test } from 'node:test';
import { getEventListeners } from 'node:events';
import assert from 'node:assert/strict';
import { backoffDelay, Reconnector, retry, sleep } from '../../src/core/retry.ts';
import { MeshlineError, NetworkError } from '../../src/core/errors.ts';

test('backoff doubles, is capped, and jitters within [d/2, d]', () => {
  const opts = { initialMs: 100, maxMs: 1000 };
  const cases: [number, number, number][] = [
    [1, 0, 50],
    [1, 0.999, 100],
    [2, 0, 100],
    [3, 0, 200],
    [10, 0, 500],
    [10, 0.999, 1000],
  ];
  for (const [attempt, r, want] of cases)
    assert.equal(backoffDelay(attempt, { ...opts, random: () => r }), want, `${attempt}/${r}`);
});

test('retry tries transient errors again and gives up on permanent ones', async () => {
  let n = 0;
  const v = await retry(
    async () => {
      if (++n < 3) throw new NetworkError('flaky');
      return 'ok';
    },
    { initialMs: 1, maxMs: 2 },
  );
  assert.equal(v, 'ok');
  assert.equal(n, 3);
  let m = 0;
  await assert.rejects(
    retry(
      async () => {
        m++;
        throw new MeshlineError('bad input');
      },
      { initialMs: 1 },
    ),
    /bad input/,
  );
  assert.equal(m, 1);
  let k = 0;
  await assert.rejects(
    retry(
      async () => {
        k++;
        throw new NetworkError('down');
      },
      { initialMs: 1, maxMs: 1, attempts: 4 },
    ),
    /down/,
  );
  assert.equal(k, 4);
});

test('a delay the server asks for is honoured (capped), instead of the computed one', async () => {
  const waits: number[] = [];
  let n = 0;
  const value = await retry(
    async () => {
      if (n++ < 2) throw Object.assign(new Error('slow down'), { retryAfterMs: n === 1 ? 30 : 999_999 });
      return 'ok';
    },
    {
      initialMs: 1,
      maxMs: 40,
      attempts: 5,
      retryable: () => true,
      serverDelay: (err) => (err as { retryAfterMs?: number }).retryAfterMs,
      onRetry: (_e, _n, delay) => waits.push(delay),
    },
  );
  assert.equal(value, 'ok');
  assert.deepEqual(waits, [30, 40]);
});

test('stopping (the signal) ends a retry while it waits, with the last failure and no further attempt', async () => {
  const stop = new AbortController();
  let n = 0;
  const started = Date.now();
  const p = retry(
    async () => {
      n++;
      throw new NetworkError(`down ${n}`);
    },
    { attempts: Infinity, initialMs: 60_000, maxMs: 60_000, signal: stop.signal },
  );
  setTimeout(() => stop.abort(), 50);
  await assert.rejects(p, /down 1/);
  assert.equal(n, 1);
  assert.ok(Date.now() - started < 5_000, 'did not sit out the backoff');
});

// Issue 12: reconnects were counted twice per failure, and a network unreachable for ~30 s piled up abort
// listeners (MaxListenersExceededWarning).
test('sleep removes its abort listener; a long retry adds none up', async () => {
  const stop = new AbortController();
  for (let i = 0; i < 20; i++) await sleep(1, stop.signal);
  assert.equal(getEventListeners(stop.signal, 'abort').length, 0);
});

test('one reconnect loop: several signs of the same failure schedule one attempt', async () => {
  const attempts: number[] = [];
  let connects = 0;
  const r = new Reconnector({
    initialMs: 10,
    maxMs: 40,
    random: () => 0,
    connect: async () => {
      connects++;
      if (connects < 3) throw new Error('refused');
    },
    log: (_delay, n) => attempts.push(n),
  });
  r.lost();
  r.lost(); // the same failure, told twice (a close and a rejected promise)
  await new Promise((ok) => setTimeout(ok, 200));
  assert.deepEqual(attempts, [1, 2, 3]);
  assert.equal(connects, 3);
  r.connected();
  r.lost();
  assert.deepEqual(attempts, [1, 2, 3, 1], 'after a connection the count starts again');
  r.stop();
  await new Promise((ok) => setTimeout(ok, 50));
  assert.equal(connects, 3, 'stopped: no more attempts');
});
