import { isTransient } from './errors';

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

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}
