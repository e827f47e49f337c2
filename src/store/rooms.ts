import type { Room, RoomPolicy } from '../core/model.ts';
import type { Db } from './db.ts';
import { roomSlug } from '../core/names.ts';
import { toRoom, type RoomRow } from './rows.ts';

export async function room(db: Db, network: string, extId: string): Promise<Room | undefined> {
  const r = await db.get<RoomRow>('SELECT * FROM rooms WHERE network = ? AND ext_id = ?', [network, extId]);
  return r && toRoom(r);
}

/** Creates or updates a room; its slug is chosen once and kept, so its pages never move. */
export async function upsertRoom(
  db: Db,
  network: string,
  extId: string,
  name: string,
  enabled: boolean,
  policy: RoomPolicy,
): Promise<Room> {
  const existing = await room(db, network, extId);
  if (existing) {
    await db.run('UPDATE rooms SET name = ?, enabled = ?, policy = ? WHERE id = ?', [
      name,
      enabled ? 1 : 0,
      policy,
      existing.id,
    ]);
    return { ...existing, name, enabled, policy };
  }
  const base = roomSlug(name);
  let slug = base;
  for (let n = 2; await db.get('SELECT 1 FROM rooms WHERE slug = ?', [slug]); n++) slug = `${base}-${n}`;
  const { lastID } = await db.run(
    'INSERT INTO rooms (network, ext_id, name, slug, enabled, policy) VALUES (?, ?, ?, ?, ?, ?)',
    [network, extId, name, slug, enabled ? 1 : 0, policy],
  );
  return { id: lastID, network, extId, name, slug, enabled, policy };
}
