import { MeshlineError } from '../core/errors';

// Where the site is published: the output folder's files, sent by path. Targets are thin; ordering, retries and
// bookkeeping live in src/app/publish.ts.

export interface PublishTarget {
  /** For logs and summaries, e.g. "s3://bucket/prefix/". */
  readonly name: string;
  /** Requests in flight at once, and tries per file before a publish stops. */
  readonly concurrency: number;
  readonly attempts: number;
  /** Requests sent so far (benchmarks and tests count them). */
  readonly requests: number;
  /** Sends the output folder's file at `path`; returns its size in bytes. */
  put(path: string): Promise<number>;
  delete(path: string): Promise<void>;
  /** What the target holds under its root: path → MD5 hex. Only `publish --verify` asks; the hot path never lists. */
  list(): Promise<Map<string, string>>;
}

/**
 * The output folder no longer has the file (a later render removed it; its deletion is queued). Targets throw
 * this, and only this, for a missing source: any other failure, of the target itself, is a failure.
 */
export class SourceGone extends MeshlineError {}
