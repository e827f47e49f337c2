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

/** A person's page header: who they are, since when, how much they posted, their current status. */
export async function profile(db: Db, personId: number): Promise<ProfileView | undefined> {
  const p = await db.get<{
    handle: string;
    name: string;
    bio: string | null;
    created_at: number;
    show_identities: number;
    avatar: string | null;
  }>('SELECT handle, name, bio, created_at, show_identities, avatar FROM people WHERE id = ?', [personId]);
  if (!p) return undefined;
  const posts = (await db.get<{ n: number }>(
    "SELECT count(*) AS n FROM timeline_entries WHERE timeline = 'person:' || ?",
    [personId],
  ))!.n;
  const status = await db.get<{ text: string; at: number; presence: string | null }>(
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
