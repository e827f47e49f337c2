import type * as z from 'zod';
import { MeshlineError } from '../core/errors.ts';
import type { Check } from '../core/network.ts';

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
  /**
   * Settings the target keeps besides files (an S3 bucket's website configuration: index and error documents), made
   * on the first publish to it. Optional; a failure is reported, never the end of the publish.
   */
  prepare?(): Promise<string | undefined>;
  /** Lets go of connections, so the process can exit. */
  close?(): void;
}

/**
 * The output folder no longer has the file (a later render removed it; its deletion is queued). Targets throw
 * this, and only this, for a missing source: any other failure, of the target itself, is a failure.
 */
export class SourceGone extends MeshlineError {}

/** What a publish target is given to make itself. */
export interface TargetContext {
  /** The output folder: the site's files, by the paths `put` receives. */
  outputDir: string;
}

/**
 * One kind of publish target, chosen by `publish.target: <name>`; its settings are the section `publish.<name>`.
 * The built-in ones are `local` and `s3`; plugins add theirs with the same contract.
 */
export interface TargetModule<S extends z.ZodType = z.ZodType> {
  name: string;
  section: S;
  /** What `meshline init` writes for the section, indented under `publish:`, every option commented. */
  sample: string;
  examples?: Record<string, string>;
  /** Keys inside the section that name files, as `dir`: relative ones mean the config's folder. */
  paths?: readonly string[];
  /** Problems with the section once this target is the chosen one (S3 without a bucket), by path inside it. */
  validate?(section: z.output<S>): { path: readonly (string | number)[]; message: string }[];
  /** The target; null when there is nothing to send (the output folder is the site). */
  create(section: z.output<S>, ctx: TargetContext): PublishTarget | null | Promise<PublishTarget | null>;
  /** Doctor's check: looks, changes nothing. */
  probe?(section: z.output<S>, ctx: TargetContext): Promise<Check | null>;
}

export function defineTarget<S extends z.ZodType>(module: TargetModule<S>): TargetModule<S> {
  return module;
}
