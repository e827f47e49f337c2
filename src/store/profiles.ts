// What people say of themselves (name, bio, whether their identities show) and what their page shows of them.
import type { PostChanges } from '../core/ports.ts';
import type { ProfileView } from '../core/views.ts';
import type { Db } from './db.ts';
import { placementsOfPosts } from './timelines.ts';

/** A new name: their posts show it, so where they are renders again. */
export async function setName(db: Db, personId: number, name: string): Promise<PostChanges> {
  await db.run('UPDATE people SET name = ? WHERE id = ?', [name, personId]);
  const rows = await db.all<{ id: number }>('SELECT id FROM posts WHERE person_id = ?', [personId]);
  const postIds = rows.map((r) => r.id);
  return { postIds, placements: await placementsOfPosts(db, postIds) };
}

export async function setBio(db: Db, personId: number, bio: string | null): Promise<boolean> {
  return (await db.run('UPDATE people SET bio = ? WHERE id = ? AND bio IS NOT ?', [bio, personId, bio])).changes > 0;
}

export async function setShowIdentities(db: Db, personId: number, on: boolean): Promise<boolean> {
  const v = on ? 1 : 0;
  const r = await db.run('UPDATE people SET show_identities = ? WHERE id = ? AND show_identities != ?', [
    v,
    personId,
    v,
  ]);
  return r.changes > 0;
}

/** Where the network serves a person's avatar now; its mirrored copy is made again by the media job. */
export async function setAvatarSource(
  db: Db,
  personId: number,
  avatar: { url: string; access?: string } | null,
): Promise<{ gone?: string } | undefined> {
  const row = await db.get<{ avatar_url: string | null; avatar_access: string | null; avatar: string | null }>(
    'SELECT avatar_url, avatar_access, avatar FROM people WHERE id = ?',
    [personId],
  );
  if (!row) return undefined;
  const url = avatar?.url ?? null;
  const access = avatar?.access ?? null;
  if (row.avatar_url === url && row.avatar_access === access) return undefined;
  await db.run('UPDATE people SET avatar_url = ?, avatar_access = ?, avatar = NULL WHERE id = ?', [
    url,
    access,
    personId,
  ]);
  return row.avatar ? { gone: row.avatar } : {};
}

/** People whose avatar waits to be mirrored. */
export function pendingAvatars(db: Db, limit: number) {
  return db.all<{ personId: number; url: string; access: string | null }>(
    'SELECT id AS personId, avatar_url AS url, avatar_access AS access FROM people ' +
      'WHERE avatar_url IS NOT NULL AND avatar IS NULL AND opted_in = 1 ORDER BY id LIMIT ?',
    [limit],
  );
}

/** The mirrored copy (a site path), or none to be had: the source is forgotten until the network says it again. */
export async function settleAvatar(db: Db, personId: number, path: string | null): Promise<void> {
  if (path) await db.run('UPDATE people SET avatar = ? WHERE id = ?', [path, personId]);
  else await db.run('UPDATE people SET avatar_url = NULL, avatar_access = NULL WHERE id = ?', [personId]);
}

/** A person's page header: who they are, since when, how much they posted, their current status. */
export async function profile(db: Db, personId: number): Promise<ProfileView | undefined> {
  const p = await db.one<{
    handle: string;
    name: string;
    bio: string | null;
    created_at: number;
    show_identities: number;
    avatar: string | null;
  }>('SELECT handle, name, bio, created_at, show_identities, avatar FROM people WHERE id = ?', [personId]);
  if (!p) return undefined;
  const posts =
    (await db.one<{ n: number }>("SELECT n FROM timeline_counts WHERE timeline = 'person:' || ?", [personId]))?.n ?? 0;
  const status = await db.one<{ text: string; at: number; presence: string | null }>(
    "SELECT text, at, presence FROM posts WHERE person_id = ? AND kind = 'status' AND hidden = 0 " +
      'ORDER BY id DESC LIMIT 1',
    [personId],
  );
  const identities =
    p.show_identities === 1
      ? await db.all<{ network: string; id: string }>(
          'SELECT network, ext_id AS id FROM identities WHERE person_id = ? AND verified = 1 ORDER BY network, ext_id',
          [personId],
        )
      : [];
  return {
    handle: p.handle,
    name: p.name,
    bio: p.bio,
    since: p.created_at,
    posts,
    status: status ? { text: status.text, at: status.at, away: status.presence === 'away' } : null,
    identities,
    avatar: p.avatar,
  };
}
