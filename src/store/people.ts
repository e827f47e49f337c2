// People, identities, link codes and notice counts.
import type { Identity, Person } from '../core/model';
import type { LinkCode, PostChanges } from '../core/ports';
import type { Db } from './db';
import { toIdentity, toPerson, type IdentityRow, type PersonRow } from './rows';
import { placementsOfPosts, resequence } from './timelines';

export async function identity(db: Db, network: string, id: string): Promise<Identity | undefined> {
  const r = await db.get<IdentityRow>('SELECT * FROM identities WHERE network = ? AND ext_id = ?', [network, id]);
  return r && toIdentity(r);
}


export async function identitiesOf(db: Db, personId: number): Promise<Identity[]> {
  return (await db.all<IdentityRow>('SELECT * FROM identities WHERE person_id = ? ORDER BY network, ext_id', [personId])).map(toIdentity);
}

export async function person(db: Db, id: number): Promise<Person | undefined> {
  const r = await db.get<PersonRow>('SELECT * FROM people WHERE id = ?', [id]);
  return r && toPerson(r);
}

export async function personByHandle(db: Db, handle: string): Promise<Person | undefined> {
  const r = await db.get<PersonRow>('SELECT * FROM people WHERE handle = ?', [handle.toLowerCase()]);
  return r && toPerson(r);
}


export async function mergePeople(db: Db, keep: number, drop: number): Promise<PostChanges> {
  const postIds = (await db.all<{ id: number }>('SELECT id FROM posts WHERE person_id = ?', [drop])).map((r) => r.id);
  await db.run('UPDATE identities SET person_id = ? WHERE person_id = ?', [keep, drop]);
  await db.run('UPDATE posts SET person_id = ? WHERE person_id = ?', [keep, drop]);
  await db.run('UPDATE OR IGNORE post_mentions SET person_id = ? WHERE person_id = ?', [keep, drop]);
  await db.run('UPDATE people SET opted_in = max(opted_in, (SELECT opted_in FROM people WHERE id = ?)) WHERE id = ?', [drop, keep]);
  await db.run("DELETE FROM timeline_entries WHERE timeline = 'person:' || ?", [drop]);
  await db.run("DELETE FROM timeline_heads WHERE timeline = 'person:' || ?", [drop]);
  await db.run('DELETE FROM people WHERE id = ?', [drop]);
  // Merged history interleaves in time, so the kept person's archive is numbered afresh.
  const personTimeline = await resequence(db, `person:${keep}`, 'SELECT id FROM posts WHERE person_id = ? ORDER BY at, id', [keep]);
  const others = (await placementsOfPosts(db, postIds)).filter((p) => p.timeline !== `person:${keep}`);
  return { postIds, placements: [...personTimeline, ...others] };
}

export async function forgetPerson(db: Db, personId: number): Promise<PostChanges> {
  const postIds = (await db.all<{ id: number }>('SELECT id FROM posts WHERE person_id = ?', [personId])).map((r) => r.id);
  const placements = await placementsOfPosts(db, postIds);
  // Cascades take identities, posts, tags, mentions, entries, reactions, pending statuses and link codes.
  await db.run('DELETE FROM people WHERE id = ?', [personId]);
  await db.run("DELETE FROM timeline_heads WHERE timeline = 'person:' || ?", [personId]);
  return { postIds, placements };
}

export async function putLinkCode(db: Db, c: LinkCode): Promise<void> {
  await db.run('INSERT OR REPLACE INTO link_codes (code, person_id, network, account, ext_id, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    [c.code, c.personId, c.network, c.account, c.extId, c.expiresAt]);
}

export async function takeLinkCode(db: Db, code: string, network: string, extId: string, now: number): Promise<LinkCode | undefined> {
  await db.run('DELETE FROM link_codes WHERE expires_at < ?', [now]);
  const r = await db.get<{ code: string; person_id: number; network: string; account: string; ext_id: string; expires_at: number }>(
    'DELETE FROM link_codes WHERE code = ? AND network = ? AND ext_id = ? RETURNING *', [code, network, extId]);
  if (!r) return undefined;
  return { code: r.code, personId: r.person_id, network: r.network, account: r.account, extId: r.ext_id, expiresAt: r.expires_at };
}
