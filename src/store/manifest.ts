// What the site folder holds: path → content hash. The writer compares against it to write only what changed.
import type { Db } from './db.ts';
import { inChunks } from './chunks.ts';
import { queuePublish } from './outbox.ts';

export type { ManifestEntry } from '../core/jobs.ts';
import type { ManifestEntry } from '../core/jobs.ts';

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

/** Records written and removed files, and queues the same changes for the publish target. */
export async function applyManifest(
  db: Db,
  written: readonly ManifestEntry[],
  removed: readonly string[],
): Promise<void> {
  await db.runMany(
    'INSERT OR REPLACE INTO manifest (path, hash, size)',
    written.map((e) => [e.path, e.hash, e.size]),
  );
  await db.runMany(
    'DELETE FROM manifest WHERE path IN (SELECT column1 FROM (',
    removed.map((p) => [p]),
    '))',
  );
  await queuePublish(db, [
    ...written.map((e) => [e.path, 'put'] as const),
    ...removed.map((p) => [p, 'delete'] as const),
  ]);
}
