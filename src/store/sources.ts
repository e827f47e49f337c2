// The sources this site follows: who added each, the pinned key, and how its last pull went.
import type { PullRecord, SourceRow } from '../core/jobs.ts';
import type { Db } from './db.ts';

interface Row {
  id: string;
  added_by: string;
  added_at: number;
  key: string | null;
  key_offered: string | null;
  fetched_at: number | null;
  ok_at: number | null;
  result: string | null;
  failures: number;
  resolved: string | null;
  etag: string | null;
  last_modified: string | null;
  next_at: number;
}

const toSource = (r: Row): SourceRow => ({
  id: r.id,
  addedBy: r.added_by,
  addedAt: r.added_at,
  key: r.key,
  keyOffered: r.key_offered,
  fetchedAt: r.fetched_at,
  okAt: r.ok_at,
  result: r.result,
  failures: r.failures,
  resolved: r.resolved,
  etag: r.etag,
  lastModified: r.last_modified,
  nextAt: r.next_at,
});

/** Keeps what a pull learnt; fields it does not name stay as they were. */
export async function recordPull(db: Db, id: string, r: PullRecord): Promise<void> {
  const set: string[] = ['fetched_at = ?', 'result = ?', r.ok ? 'failures = 0' : 'failures = failures + 1'];
  const values: (string | number | null)[] = [r.at, r.result];
  if (r.ok) {
    set.push('ok_at = ?');
    values.push(r.at);
  }
  const optional: [keyof PullRecord, string][] = [
    ['resolved', 'resolved'],
    ['etag', 'etag'],
    ['lastModified', 'last_modified'],
    ['key', 'key'],
    ['keyOffered', 'key_offered'],
    ['nextAt', 'next_at'],
  ];
  for (const [field, column] of optional) {
    if (r[field] === undefined) continue;
    set.push(`${column} = ?`);
    values.push(r[field] as string | number | null);
  }
  await db.run(`UPDATE sources SET ${set.join(', ')} WHERE id = ?`, [...values, id]);
}

export async function listSources(db: Db): Promise<SourceRow[]> {
  return (await db.all<Row>('SELECT * FROM sources ORDER BY id')).map(toSource);
}

/** Adds the source unless it is there; returns whether it was added. */
export async function addSource(db: Db, id: string, addedBy: string, at: number, key?: string): Promise<boolean> {
  const r = await db.run('INSERT OR IGNORE INTO sources (id, added_by, added_at, key) VALUES (?, ?, ?, ?)', [
    id,
    addedBy,
    at,
    key ?? null,
  ]);
  return r.changes > 0;
}

export async function pinKey(db: Db, id: string, key: string): Promise<boolean> {
  const r = await db.run('UPDATE sources SET key = ?, key_offered = NULL, resolved = NULL, etag = NULL WHERE id = ?', [
    key,
    id,
  ]);
  return r.changes > 0;
}

export async function removeSource(db: Db, id: string): Promise<boolean> {
  return (await db.run('DELETE FROM sources WHERE id = ?', [id])).changes > 0;
}

/**
 * Makes the config's sources the ones added by `config`: new ones added (a key given there pinned), ones no longer
 * listed removed. Sources others added are left alone, even when the config lists them too.
 */
export async function syncConfigSources(db: Db, wanted: readonly { id: string; key?: string }[], at: number) {
  const have = await db.all<{ id: string; key: string | null }>(
    "SELECT id, key FROM sources WHERE added_by = 'config'",
  );
  const ids = new Set(wanted.map((w) => w.id));
  for (const h of have) if (!ids.has(h.id)) await removeSource(db, h.id);
  for (const w of wanted) {
    if (!(await addSource(db, w.id, 'config', at, w.key)) && w.key)
      await db.run("UPDATE sources SET key = ?, key_offered = NULL WHERE id = ? AND added_by = 'config'", [
        w.key,
        w.id,
      ]);
  }
}
