// The outbox: renders, direct messages and uploads that must survive a crash until done.
import { renderTargetKey, type RenderTarget } from '../core/model.ts';
import type { Db } from './db.ts';
import { inChunks } from './chunks.ts';

export type OutboxKind = 'render' | 'dm' | 'publish';

export type { OutboxItem, OutboxRef, PublishItem, PublishOp } from '../core/jobs.ts';
import type { OutboxItem, OutboxRef, PublishItem, PublishOp } from '../core/jobs.ts';

export async function queueRender(db: Db, targets: readonly RenderTarget[]): Promise<void> {
  const unique = new Map(targets.map((t) => [renderTargetKey(t), JSON.stringify(t)]));
  await db.runMany(
    "INSERT INTO outbox (kind, key, payload) SELECT 'render', column1, column2 FROM (",
    [...unique],
    ') WHERE true ON CONFLICT (kind, key) DO UPDATE SET gen = gen + 1, not_before = 0',
  );
}

/** When the next render that waits (a batch, a retry) is due; undefined when none waits. */
export async function nextRenderAt(db: Db, now: number): Promise<number | undefined> {
  const row = await db.get<{ at: number | null }>(
    "SELECT min(not_before) AS at FROM outbox WHERE kind = 'render' AND not_before > ?",
    [now],
  );
  return row?.at ?? undefined;
}

export async function queuePublish(
  db: Db,
  changes: readonly (readonly [path: string, op: PublishOp])[],
): Promise<void> {
  await db.runMany(
    "INSERT INTO outbox (kind, key, payload) SELECT 'publish', column1, column2 FROM (",
    changes,
    ') WHERE true ON CONFLICT (kind, key) DO UPDATE SET payload = excluded.payload, attempts = 0, not_before = 0, ' +
      'gen = gen + 1',
  );
}

export async function peek<T>(db: Db, kind: 'render' | 'dm', now: number, limit: number): Promise<OutboxItem<T>[]> {
  const rows = await db.all<{ id: number; gen: number; payload: string; attempts: number }>(
    'SELECT id, gen, payload, attempts FROM outbox WHERE kind = ? AND not_before <= ? ORDER BY id LIMIT ?',
    [kind, now, limit],
  );
  return rows.map((r) => ({ id: r.id, gen: r.gen, attempts: r.attempts, payload: JSON.parse(r.payload) as T }));
}

/** Every queued upload and deletion, due or waiting: a waiting one still holds back the stages after its own. */
export async function peekPublish(db: Db, limit: number): Promise<PublishItem[]> {
  const rows = await db.all<{
    id: number;
    gen: number;
    key: string;
    payload: PublishOp;
    attempts: number;
    not_before: number;
  }>("SELECT id, gen, key, payload, attempts, not_before FROM outbox WHERE kind = 'publish' ORDER BY id LIMIT ?", [
    limit,
  ]);
  return rows.map((r) => ({
    id: r.id,
    gen: r.gen,
    attempts: r.attempts,
    notBefore: r.not_before,
    payload: { path: r.key, op: r.payload },
  }));
}

/** Removes finished items, unless they were asked for again meanwhile (their gen moved on). */
export async function done(db: Db, items: readonly OutboxRef[]): Promise<void> {
  await db.runMany(
    'DELETE FROM outbox WHERE (id, gen) IN (',
    items.map((i) => [i.id, i.gen]),
    ')',
  );
}

export async function postpone(db: Db, id: number, notBefore: number): Promise<void> {
  await db.run('UPDATE outbox SET attempts = attempts + 1, not_before = ? WHERE id = ?', [notBefore, id]);
}

export async function postponeMany(db: Db, ids: readonly number[], notBefore: number): Promise<void> {
  await inChunks(ids, async (chunk, list) => {
    await db.run(`UPDATE outbox SET attempts = attempts + 1, not_before = ? WHERE id IN (${list})`, [
      notBefore,
      ...chunk,
    ]);
  });
}

export async function count(db: Db, kind: OutboxKind): Promise<number> {
  return (await db.get<{ n: number }>('SELECT count(*) AS n FROM outbox WHERE kind = ?', [kind]))!.n;
}
