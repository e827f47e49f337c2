// Admins' decisions on who may opt in. Rows are keyed by a keyed hash of network and identity; the identity
// itself is kept only inside a waiting request, for the admin's `pending` list.
import type { AdmissionRequest, AdmissionState } from '../core/ports.ts';
import type { Db } from './db.ts';

export type KeyOf = (network: string, id: string) => string;

export async function admission(db: Db, key: string): Promise<AdmissionState | undefined> {
  return (await db.get<{ state: AdmissionState }>('SELECT state FROM admissions WHERE key = ?', [key]))?.state;
}

export async function setAdmission(
  db: Db,
  key: string,
  network: string,
  state: AdmissionState,
  request: AdmissionRequest | undefined,
  at: number,
): Promise<AdmissionRequest | undefined> {
  const was = await db.get<{ state: AdmissionState; request: string | null }>(
    'SELECT state, request FROM admissions WHERE key = ?',
    [key],
  );
  await db.run('INSERT OR REPLACE INTO admissions (key, network, state, request, at) VALUES (?, ?, ?, ?, ?)', [
    key,
    network,
    state,
    state === 'pending' && request ? JSON.stringify(request) : null,
    at,
  ]);
  return was?.state === 'pending' && was.request ? (JSON.parse(was.request) as AdmissionRequest) : undefined;
}

export async function pending(db: Db, network: string): Promise<AdmissionRequest[]> {
  const rows = await db.all<{ request: string }>(
    "SELECT request FROM admissions WHERE network = ? AND state = 'pending' AND request IS NOT NULL ORDER BY at",
    [network],
  );
  return rows.map((r) => JSON.parse(r.request) as AdmissionRequest);
}

export async function withdraw(db: Db, key: string): Promise<boolean> {
  return (await db.run("DELETE FROM admissions WHERE key = ? AND state = 'pending'", [key])).changes > 0;
}

/** Forgetting someone drops what was only about them; a denial stays, keyed, so forget cannot undo it. */
export async function forget(db: Db, keys: readonly string[]): Promise<void> {
  if (!keys.length) return;
  await db.run(`DELETE FROM admissions WHERE state != 'denied' AND key IN (${keys.map(() => '?').join(',')})`, keys);
}
