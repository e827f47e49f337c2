// Drains the publish outbox into the configured target, in an order that never shows a broken link:
// leaf pages and assets, then timelines and indexes, then feeds, then deletions. A stage starts only when the one
// before it is complete; a file that still fails after its retries stops the publish, and the outbox keeps the
// rest for the next run (which a crash or kill also resumes from).
import { pool } from '../core/pool.ts';
import type { PublishItem, PublishOp, PublishStore } from '../core/jobs.ts';
import { SourceGone, type PublishTarget } from '../publish/target.ts';
import { isFeedPath } from '../core/paths.ts';
import { errorMessage, isTransient } from '../core/errors.ts';
import { retry } from '../core/retry.ts';
import { logger } from '../log.ts';
import { stopwatch } from '../core/stopwatch.ts';

const log = logger('publish');

export interface PublishSummary {
  uploaded: number;
  deleted: number;
  failed: number;
  /** Files not sent: they failed and wait for their retry, or a file in an earlier stage holds them back. */
  waiting: number;
  /** The files that failed or still wait for a retry, which hold the rest back (a few, for messages). */
  holding: string[];
  bytes: number;
  requests: number;
  ms: number;
}

export function publishRank(path: string, op: PublishOp): number {
  if (op === 'delete') return 4;
  if (path.startsWith('posts/') || path.startsWith('assets/')) return 0;
  if (isFeedPath(path)) return 3;
  if (path.endsWith('index.html')) return 2;
  return 1;
}

/** The one-line summary a publish ends with. */
export function publishLine(name: string, p: PublishSummary): string {
  const kb =
    p.bytes >= 1_048_576
      ? `${(p.bytes / 1_048_576).toFixed(1)} MB`
      : p.bytes >= 10_240
        ? `${Math.round(p.bytes / 1024)} KB`
        : `${p.bytes} bytes`;
  const trouble = p.failed || p.waiting ? `; ${p.failed} failed and ${p.waiting} wait for the next run` : '';
  return (
    `published to ${name}: ${p.uploaded} uploaded (${kb}), ${p.deleted} deleted, ${p.requests} requests in ` +
    `${(p.ms / 1000).toFixed(1)} s${trouble}`
  );
}

type Item = PublishItem;

export async function drainPublish(
  store: PublishStore,
  target: PublishTarget | null,
  progress?: (done: number, total: number) => void,
  /** Files waiting for their retry are tried now (the operator ran `publish` again). */
  retryNow = false,
): Promise<PublishSummary> {
  const elapsed = stopwatch();
  const requestsBefore = target?.requests ?? 0;
  const sum: PublishSummary = {
    uploaded: 0,
    deleted: 0,
    failed: 0,
    waiting: 0,
    holding: [],
    bytes: 0,
    requests: 0,
    ms: 0,
  };
  const items = await store.peekPublish(Number.MAX_SAFE_INTEGER);
  const now = retryNow ? Number.MAX_SAFE_INTEGER : Date.now();
  if (!target) {
    await store.outboxDone(items);
    return sum;
  }
  const stages = new Map<number, Item[]>();
  for (const it of items) {
    const r = publishRank(it.payload.path, it.payload.op);
    let stage = stages.get(r);
    if (!stage) stages.set(r, (stage = []));
    stage.push(it);
  }
  let done: Item[] = [];
  const flush = async () => {
    if (done.length) {
      const d = done;
      done = [];
      await store.outboxDone(d);
    }
  };
  let finished = 0;
  for (const [rank, all] of [...stages].sort(([a], [b]) => a - b)) {
    const failed: Item[] = [];
    // A file waiting for its retry keeps its stage: nothing after it goes live until it has.
    const held = all.filter((i) => i.notBefore > now);
    const stage = all.filter((i) => i.notBefore <= now);
    finished += held.length;
    await pool(stage, target.concurrency, async (item) => {
      try {
        await retry(
          async () => {
            if (item.payload.op === 'put') sum.bytes += await putOrGone(target, item.payload.path);
            else await target.delete(item.payload.path);
          },
          {
            attempts: target.attempts,
            initialMs: 250,
            maxMs: 20_000,
            retryable: isTransient,
            onRetry: (err, n, delay) =>
              log.debug(`${item.payload.op} ${item.payload.path}: ${errorMessage(err)}; try ${n + 1} in ${delay} ms`),
          },
        );
        if (item.payload.op === 'put') sum.uploaded++;
        else sum.deleted++;
        done.push(item);
        if (done.length >= 200) await flush();
      } catch (err) {
        failed.push(item);
        log.warn(`${item.payload.op} ${item.payload.path} failed: ${errorMessage(err)}`);
      }
      progress?.(++finished, items.length);
    });
    await flush();
    if (failed.length || held.length) {
      sum.failed = failed.length;
      sum.waiting = items.length - (sum.uploaded + sum.deleted) - failed.length;
      sum.holding = [...failed, ...held].slice(0, 20).map((i) => `${i.payload.op} ${i.payload.path}`);
      for (const f of failed) await store.outboxPostpone(f.id, Date.now() + 30_000);
      const why = failed.length ? `${failed.length} files failed` : `${held.length} files wait for their retry`;
      log.warn(`publish stopped at stage ${rank}: ${why}; ${sum.waiting} wait for them so no link breaks`);
      break;
    }
  }
  sum.requests = target.requests - requestsBefore;
  sum.ms = elapsed();
  return sum;
}

/** A file removed by a later render is not an error: the outbox already holds its deletion. */
async function putOrGone(target: PublishTarget, path: string): Promise<number> {
  try {
    return await target.put(path);
  } catch (err) {
    // By name too: a plugin's copy of the class may come from another copy of Meshline's code.
    if (err instanceof SourceGone || (err as Error)?.name === 'SourceGone') return 0;
    throw err;
  }
}

const publishedKey = (target: PublishTarget) => `published:${target.name}`;

/**
 * Publishes what changed; to a target this site has not published to before (a new or emptied bucket, a new
 * folder), or when asked, it lists the target first and sends whatever differs, as `hugo deploy` does. Once a
 * publish to it has gone through, the target is kept incremental.
 */
export async function publishSite(
  store: PublishStore,
  target: PublishTarget,
  opts: { verify?: boolean; retryNow?: boolean; progress?: (done: number, total: number) => void } = {},
): Promise<{ publish: PublishSummary; verify?: VerifySummary; first: boolean }> {
  const first = (await store.setting(publishedKey(target))) === undefined;
  if (!first && !opts.verify)
    return { publish: await drainPublish(store, target, opts.progress, opts.retryNow), first };
  if (first) log.info(`${target.name} has not been published to from here: comparing it with the site`);
  if (first && target.prepare)
    await target.prepare().then(
      (said) => said && log.info(`${target.name}: ${said}`),
      (err) => log.warn(`${target.name}: its settings could not be made: ${errorMessage(err)}`),
    );
  const verify = await verifyPublish(store, target, opts.progress);
  if (!verify.publish.failed) await store.setSetting(publishedKey(target), String(Date.now()));
  return { publish: verify.publish, verify, first };
}

export interface VerifySummary {
  listed: number;
  missing: number;
  changed: number;
  stray: number;
  publish: PublishSummary;
}

/** Lists the target and repairs drift from the manifest: missing or changed objects are sent again, strays deleted. */
export async function verifyPublish(
  store: PublishStore,
  target: PublishTarget,
  progress?: (done: number, total: number) => void,
): Promise<VerifySummary> {
  const before = target.requests;
  const first = await drainPublish(store, target);
  // A listing is many requests: one that fails is tried again like any other, not the end of the verify.
  const remote = await retry(() => target.list(), {
    attempts: target.attempts,
    initialMs: 250,
    maxMs: 20_000,
    retryable: isTransient,
    onRetry: (err, n, delay) =>
      log.warn(`listing ${target.name} failed (${errorMessage(err)}); try ${n + 1} in ${delay} ms`),
  });
  const local = await store.loadManifest();
  const fixes: [string, PublishOp][] = [];
  let missing = 0,
    changed = 0,
    stray = 0;
  for (const [path, hash] of local) {
    const there = remote.get(path);
    if (there === undefined) {
      missing++;
      fixes.push([path, 'put']);
    } else if (there !== hash) {
      changed++;
      fixes.push([path, 'put']);
    }
  }
  for (const path of remote.keys())
    if (!local.has(path)) {
      stray++;
      fixes.push([path, 'delete']);
    }
  if (fixes.length) {
    log.info(`verify: ${missing} missing, ${changed} changed, ${stray} stray on ${target.name}; repairing`);
    await store.queuePublish(fixes);
  }
  const repair = await drainPublish(store, target, progress);
  // The listing's requests count too.
  const publish = {
    ...repair,
    requests: target.requests - before,
    uploaded: repair.uploaded + first.uploaded,
    deleted: repair.deleted + first.deleted,
    bytes: repair.bytes + first.bytes,
    ms: repair.ms + first.ms,
  };
  return { listed: remote.size, missing, changed, stray, publish };
}
