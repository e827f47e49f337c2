// Drains the publish outbox into the configured target, in an order that never shows a broken link:
// leaf pages and assets, then timelines and indexes, then feeds, then deletions.
import type { SqliteStore } from '../store';
import type { PublishTarget } from '../publish/local';
import { backoffDelay } from '../core/retry';
import { logger } from '../log';

const log = logger('publish');

export interface PublishSummary { uploaded: number; deleted: number; failed: number; ms: number }

export function publishRank(path: string, op: 'put' | 'delete'): number {
  if (op === 'delete') return 4;
  if (path.startsWith('posts/') || path.startsWith('assets/')) return 0;
  if (/(feed\.xml|atom\.xml|feed\.json)$/.test(path)) return 2;
  if (path.endsWith('index.html')) return 1.5;
  return 1;
}

export async function drainPublish(store: SqliteStore, target: PublishTarget | null, progress?: (done: number, total: number) => void): Promise<PublishSummary> {
  const started = performance.now();
  const sum: PublishSummary = { uploaded: 0, deleted: 0, failed: 0, ms: 0 };
  const total = await store.outboxCount('publish');
  for (;;) {
    const items = await store.peekPublish(Date.now(), 1000);
    if (!items.length) break;
    if (!target) { await store.outboxDone(items); continue; }
    items.sort((a, b) => publishRank(a.payload.path, a.payload.op) - publishRank(b.payload.path, b.payload.op));
    const doneItems: typeof items = [];
    for (const item of items) {
      try {
        if (item.payload.op === 'put') { await target.put(item.payload.path); sum.uploaded++; }
        else { await target.delete(item.payload.path); sum.deleted++; }
        doneItems.push(item);
      } catch (err) {
        sum.failed++;
        log.warn(`${item.payload.op} ${item.payload.path} failed; will retry`, err);
        await store.outboxPostpone(item.id, Date.now() + backoffDelay(item.attempts + 1, { initialMs: 1000, maxMs: 300_000 }));
      }
      progress?.(sum.uploaded + sum.deleted + sum.failed, total);
    }
    await store.outboxDone(doneItems);
    if (doneItems.length === 0) break;
  }
  sum.ms = Math.round(performance.now() - started);
  return sum;
}
