// Sends queued direct messages (command replies, mention notices) through the adapter of their network.
import type { Adapter } from '../core/types.ts';
import type { DeliveryStore } from '../core/jobs.ts';
import { backoffDelay } from '../core/retry.ts';
import { logger } from '../log.ts';

const log = logger('relay');

export async function deliverDms(store: DeliveryStore, adapters: ReadonlyMap<string, Adapter>): Promise<number> {
  let sent = 0;
  for (;;) {
    const items = await store.peekDms(Date.now(), 100);
    if (!items.length) return sent;
    const done: typeof items = [];
    for (const item of items) {
      const dm = item.payload;
      const adapter = adapters.get(dm.network);
      if (!adapter) {
        // Every configured network has an adapter, connected or not: this one is not configured (any more).
        log.warn(`dropped a message to ${dm.network}:${dm.to}: no network "${dm.network}" is configured`);
        done.push(item);
        continue;
      }
      try {
        await adapter.sendDirect({ network: dm.network, account: dm.account, id: dm.to }, dm.text);
        done.push(item);
        sent++;
      } catch (err) {
        // Kept in the outbox: a network that comes back later still gets its messages.
        log.warn(`message to ${dm.network}:${dm.to} not sent yet`, err);
        await store.outboxPostpone(
          item.id,
          Date.now() + backoffDelay(item.attempts + 1, { initialMs: 5000, maxMs: 3_600_000 }),
        );
      }
    }
    await store.outboxDone(done);
    // The last message to someone forgotten held their address: overwrite it in the log too.
    if (done.some((d) => d.payload.final)) await store.checkpoint();
    if (!done.length) return sent;
  }
}
