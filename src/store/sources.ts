// The sources this site follows: who added each, the pinned key, and how its last pull went.
import type { SourceRow } from '../core/jobs.ts';
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
});

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
