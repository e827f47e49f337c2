import { isTransient } from './errors.ts';

export interface BackoffOptions {
  /** First delay in ms. */
  initialMs: number;
  /** Cap for any one delay. */
  maxMs: number;
  /** Give up after this many attempts (Infinity keeps trying). */
  attempts: number;
  /** Decides whether an error is worth another attempt; default: MeshlineError.transient. */
  retryable?: (err: unknown) => boolean;
  /** A delay the server asked for (Retry-After, retry_after_ms), used instead of the computed one when given. */
  serverDelay?: (err: unknown) => number | undefined;
  /** Called before each wait, for logging. */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
  /** Random source in [0,1), injectable so tests are deterministic. */
  random?: () => number;
  signal?: AbortSignal;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 60_000, attempts: 8 };

/** Capped exponential backoff with full jitter: delay in [d/2, d] where d = min(max, initial * 2^n). */
export function backoffDelay(attempt: number, opts: Pick<BackoffOptions, 'initialMs' | 'maxMs' | 'random'>): number {
  const ceiling = Math.min(opts.maxMs, opts.initialMs * 2 ** Math.max(0, attempt - 1));
  const r = (opts.random ?? Math.random)();
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}

export async function retry<T>(fn: (attempt: number) => Promise<T>, options: Partial<BackoffOptions> = {}): Promise<T> {
  const opts = { ...DEFAULT_BACKOFF, ...options };
  const retryable = opts.retryable ?? isTransient;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= opts.attempts || !retryable(err) || opts.signal?.aborted) throw err;
      const asked = opts.serverDelay?.(err);
      const delay = asked !== undefined && asked >= 0 ? Math.min(asked, opts.maxMs) : backoffDelay(attempt, opts);
      opts.onRetry?.(err, attempt, delay);
      await sleep(delay, opts.signal);
      // Stopped while waiting: the last failure is the answer.
      if (opts.signal?.aborted) throw err;
    }
  }
}

/** Waits, or less if the signal aborts; the abort listener goes with the wait (a long retry adds none up). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * One reconnect loop for a connection: every sign that it is down (a close, a failed attempt, a dead ping) asks
 * for a reconnect; while one is scheduled, more asks are the same failure and change nothing.
 */
export class Reconnector {
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly opts: {
      initialMs: number;
      maxMs: number;
      connect: () => Promise<void> | void;
      log: (delayMs: number, attempt: number) => void;
      random?: () => number;
    },
  ) {}

  get attempts(): number {
    return this.attempt;
  }

  lost(): void {
    if (this.timer || this.stopped) return;
    const delay = backoffDelay(++this.attempt, this.opts);
    this.opts.log(delay, this.attempt);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.stopped) return;
      Promise.resolve()
        .then(() => this.opts.connect())
        .catch(() => this.lost());
    }, delay);
  }

  /** Connected: the next failure starts from the first, short delay. */
  connected(): void {
    this.attempt = 0;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** For a start after stop(). */
  reset(): void {
    this.stopped = false;
    this.attempt = 0;
  }
}
