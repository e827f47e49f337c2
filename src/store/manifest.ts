// What the site folder holds: path → content hash. The writer compares against it to write only what changed.
import type { Db } from './db.ts';
import { inChunks } from './chunks.ts';
import { queuePublish } from './outbox.ts';

export type { ManifestEntry } from '../core/jobs.ts';
import type { ManifestEntry, RenderMark } from '../core/jobs.ts';

export async function loadManifest(db: Db): Promise<Map<string, string>> {
  const rows = await db.all<{ path: string; hash: string }>('SELECT path, hash FROM manifest');
  return new Map(rows.map((r) => [r.path, r.hash]));
}

export async function manifestHashes(db: Db, paths: readonly string[]): Promise<Map<string, string>> {
  const rows = await inChunks(paths, (chunk, list) =>
    db.all<{ path: string; hash: string }>(`SELECT path, hash FROM manifest WHERE path IN (${list})`, chunk),
  );
  return new Map(rows.map((r) => [r.path, r.hash]));
}

/** Paths under a prefix with their hashes, by range so the primary key index serves it. */
export async function entriesUnder(db: Db, prefix: string): Promise<Map<string, string>> {
  const rows = await db.all<{ path: string; hash: string }>(
    'SELECT path, hash FROM manifest WHERE path >= ? AND path < ?',
    [prefix, prefix + '\uffff'],
  );
  return new Map(rows.map((r) => [r.path, r.hash]));
}

/** Records written and removed files, and queues the same changes for the publish target (with `publish`). */
export async function applyManifest(
  db: Db,
  written: readonly ManifestEntry[],
  removed: readonly string[],
  mark?: RenderMark,
  publish = true,
): Promise<void> {
  const gen = mark?.gen ?? 0;
  await db.runMany('INSERT OR REPLACE INTO manifest (path, hash, size, gen)', manifestRows(written, gen));
  if (mark?.seen.length)
    await inChunks(mark.seen, (chunk, list) =>
      db.run(`UPDATE manifest SET gen = ? WHERE path IN (${list})`, [gen, ...chunk]),
    );
  await db.runMany(
    'DELETE FROM manifest WHERE path IN (SELECT column1 FROM (',
    removed.map((p) => [p]),
    '))',
  );
  if (!publish) return;
  await queuePublish(db, [
    ...written.map((e) => [e.path, 'put'] as const),
    ...removed.map((p) => [p, 'delete'] as const),
  ]);
}

/** A new full render's generation: above every one the manifest has. */
export async function nextGeneration(db: Db): Promise<number> {
  return ((await db.get<{ g: number | null }>('SELECT max(gen) AS g FROM manifest'))?.g ?? 0) + 1;
}

/** True when no file is recorded: a first render's files are all new, and none needs looking up. */
export async function manifestEmpty(db: Db): Promise<boolean> {
  return (await db.get('SELECT 1 FROM manifest LIMIT 1')) === undefined;
}

/** Files a full render of generation `gen` did not produce, in path order after `after`. */
export async function unmarked(db: Db, gen: number, after: string, limit: number): Promise<string[]> {
  const rows = await db.all<{ path: string }>(
    'SELECT path FROM manifest WHERE gen < ? AND path > ? ORDER BY path LIMIT ?',
    [gen, after, limit],
  );
  return rows.map((r) => r.path);
}

function manifestRows(written: readonly ManifestEntry[], gen: number): [string, string, number, number][] {
  const rows: [string, string, number, number][] = [];
  for (const e of written) rows.push([e.path, e.hash, e.size, gen]);
  return rows;
}
