// Migration 6's step: names older versions let through that cannot be folders (a handle `index.html`, a tag of
// 256 bytes) are given names that can, so every page renders again. Other names keep their URLs.
import { fitBytes, isReservedName, NAME_MAX_BYTES, tagKey, toHandle } from '../core/names.ts';
import { cleanName } from '../core/text.ts';
import type { Db } from './db.ts';

const unusable = (name: string) => isReservedName(name) || Buffer.byteLength(name) > NAME_MAX_BYTES || name === '';

/** Names stored before they went through cleanName (controls, bidi overrides) are cleaned now. */
async function cleanStoredNames(db: Db): Promise<void> {
  // [table, the columns that find a row, the name column, its bound]
  const columns: [string, string, string, number][] = [
    ['people', 'id', 'name', 100],
    ['rooms', 'id', 'name', 100],
    ['identities', 'network, ext_id', 'display', 100],
    ['reactions', 'post_id, key, reactor', 'key', 32],
    ['attachments', 'post_id, n', 'name', 200],
  ];
  for (const [table, keys, column, max] of columns) {
    const where = keys
      .split(', ')
      .map((k) => `${k} = ?`)
      .join(' AND ');
    const rows = await db.all<Record<string, string | number>>(`SELECT ${keys}, ${column} AS v FROM ${table}`);
    for (const r of rows) {
      const clean = cleanName(String(r.v), max) || '?';
      const ids = keys.split(', ').map((k) => r[k]!);
      if (clean !== r.v) await db.run(`UPDATE OR IGNORE ${table} SET ${column} = ? WHERE ${where}`, [clean, ...ids]);
    }
  }
}

export async function repairNames(db: Db): Promise<void> {
  await cleanStoredNames(db);
  const taken = new Set((await db.all<{ handle: string }>('SELECT handle FROM people')).map((r) => r.handle));
  for (const p of await db.all<{ id: number; handle: string }>('SELECT id, handle FROM people')) {
    if (!unusable(p.handle)) continue;
    const base = toHandle(p.handle);
    let handle = base;
    for (let n = 2; taken.has(handle); n++) handle = `${fitBytes(base, NAME_MAX_BYTES - 4)}${n}`;
    taken.add(handle);
    await db.run('UPDATE people SET handle = ? WHERE id = ?', [handle, p.id]);
  }
  const tags = new Set((await db.all<{ tag: string }>('SELECT DISTINCT tag FROM post_tags')).map((r) => r.tag));
  for (const tag of [...tags]) {
    if (!unusable(tag)) continue;
    const key = tagKey(tag);
    // Two long tags that fold alike would share positions on one timeline: leave such a pair as it is.
    if (!key || tags.has(key)) continue;
    tags.add(key);
    await db.run('UPDATE post_tags SET tag = ? WHERE tag = ?', [key, tag]);
    await db.run('UPDATE timeline_entries SET timeline = ? WHERE timeline = ?', [`tag:${key}`, `tag:${tag}`]);
    await db.run('UPDATE timeline_heads SET timeline = ? WHERE timeline = ?', [`tag:${key}`, `tag:${tag}`]);
  }
}
