// How long a command's work took, for its summary line. Not `performance.now()`: its first call loads Node's
// perf_hooks, ~2.5 ms of a command that imports or renders one post.

/** A stopwatch started now: each call gives the whole milliseconds since. */
export function stopwatch(): () => number {
  const started = process.hrtime.bigint();
  return () => Number((process.hrtime.bigint() - started) / 1_000_000n);
}
