// People, identities, link codes and notice counts.
import type { Identity, Person } from '../core/model.ts';
import type { Forgotten, LinkCode, PostChanges, PostPlacement } from '../core/ports.ts';
import * as admissions from './admissions.ts';
import * as privates from './private.ts';
import { inChunks } from './chunks.ts';
import type { Db } from './db.ts';
import { toIdentity, toPerson, type IdentityRow, type PersonRow } from './rows.ts';
import { placementsOfPosts, resequence } from './timelines.ts';

export async function identity(db: Db, network: string, id: string): Promise<Identity | undefined> {
  const r = await db.get<IdentityRow>('SELECT * FROM identities WHERE network = ? AND ext_id = ?', [network, id]);
  return r && toIdentity(r);
}

export async function identitiesOf(db: Db, personId: number): Promise<Identity[]> {
  return (
    await db.all<IdentityRow>('SELECT * FROM identities WHERE person_id = ? ORDER BY network, ext_id', [personId])
  ).map(toIdentity);
}

export async function person(db: Db, id: number): Promise<Person | undefined> {
  const r = await db.get<PersonRow>('SELECT * FROM people WHERE id = ?', [id]);
  return r && toPerson(r);
}

/** The person with this handle, or who had it before choosing another. */
export async function personByHandle(db: Db, handle: string): Promise<Person | undefined> {
  const h = handle.toLowerCase();
  const r = await db.get<PersonRow>(
    `SELECT * FROM people WHERE handle = ?
    UNION ALL SELECT p.* FROM handle_redirects r JOIN people p ON p.id = r.person_id WHERE r.handle = ? LIMIT 1`,
    [h, h],
  );
  return r && toPerson(r);
}

export async function handleTaken(db: Db, handle: string): Promise<boolean> {
  return !!(await db.get(
    'SELECT 1 FROM people WHERE handle = ?1 UNION ALL SELECT 1 FROM handle_redirects WHERE handle = ?1',
    [handle],
  ));
}

/** The old handle keeps pointing at the person (a redirect page), and taking back an old one of one's own is fine. */
export async function changeHandle(db: Db, personId: number, handle: string): Promise<{ old: string } & PostChanges> {
  const old = (await db.get<{ handle: string }>('SELECT handle FROM people WHERE id = ?', [personId]))!.handle;
  await db.run('DELETE FROM handle_redirects WHERE handle = ? AND person_id = ?', [handle, personId]);
  await db.run('UPDATE people SET handle = ? WHERE id = ?', [handle, personId]);
  await db.run('INSERT OR REPLACE INTO handle_redirects (handle, person_id) VALUES (?, ?)', [old, personId]);
  // Their posts link their page; others' posts link them where they mention them.
  const rows = await db.all<{ id: number }>(
    'SELECT id FROM posts WHERE person_id = ?1 UNION SELECT post_id FROM post_mentions WHERE person_id = ?1',
    [personId],
  );
  const postIds = rows.map((r) => r.id);
  return { old, postIds, placements: await placementsOfPosts(db, postIds) };
}

export async function mergePeople(db: Db, keep: number, drop: number): Promise<PostChanges> {
  const postIds = (await db.all<{ id: number }>('SELECT id FROM posts WHERE person_id = ?', [drop])).map((r) => r.id);
  await db.run('UPDATE identities SET person_id = ? WHERE person_id = ?', [keep, drop]);
  await db.run('UPDATE posts SET person_id = ? WHERE person_id = ?', [keep, drop]);
  await db.run('UPDATE OR IGNORE post_mentions SET person_id = ? WHERE person_id = ?', [keep, drop]);
  await db.run('UPDATE people SET opted_in = max(opted_in, (SELECT opted_in FROM people WHERE id = ?)) WHERE id = ?', [
    drop,
    keep,
  ]);
  // The merged person's handles (theirs and their old ones) now lead to the kept person's page.
  await db.run('UPDATE handle_redirects SET person_id = ? WHERE person_id = ?', [keep, drop]);
  await db.run(
    'INSERT OR REPLACE INTO handle_redirects (handle, person_id) SELECT handle, ? FROM people WHERE id = ?',
    [keep, drop],
  );
  await db.run("DELETE FROM timeline_entries WHERE timeline = 'person:' || ?", [drop]);
  await db.run("DELETE FROM timeline_heads WHERE timeline = 'person:' || ?", [drop]);
  await db.run('DELETE FROM people WHERE id = ?', [drop]);
  // Merged history interleaves in time, so the kept person's archive is numbered afresh.
  const personTimeline = await resequence(
    db,
    `person:${keep}`,
    'SELECT id FROM posts WHERE person_id = ? ORDER BY at, id',
    [keep],
  );
  const others = (await placementsOfPosts(db, postIds)).filter((p) => p.timeline !== `person:${keep}`);
  return { postIds, placements: [...personTimeline, ...others] };
}

export async function forgetPerson(db: Db, personId: number, keyOf: admissions.KeyOf): Promise<Forgotten> {
  const postIds = (await db.all<{ id: number }>('SELECT id FROM posts WHERE person_id = ?', [personId])).map(
    (r) => r.id,
  );
  const placements = await placementsOfPosts(db, postIds);
  const ids = await identitiesOf(db, personId);
  const handleRows = await db.all<{ handle: string }>(
    'SELECT handle FROM people WHERE id = ?1 UNION SELECT handle FROM handle_redirects WHERE person_id = ?1',
    [personId],
  );
  const handles = handleRows.map((r) => r.handle);
  const own = new Set(postIds);
  const touched = new Set<number>();
  const mentioning = await db.all<{ post_id: number }>('SELECT post_id FROM post_mentions WHERE person_id = ?', [
    personId,
  ]);
  for (const r of mentioning) if (!own.has(r.post_id)) touched.add(r.post_id);
  const replies = await db.all<{ id: number }>(
    'SELECT id FROM posts WHERE reply_to IN (SELECT id FROM posts WHERE person_id = ?1) AND person_id != ?1',
    [personId],
  );
  for (const r of replies) touched.add(r.id);
  // Their stars and votes go with them: the posts that counted them show new counts.
  const acted = await db.all<{ post_id: number }>(
    'SELECT post_id FROM stars WHERE person_id = ?1 UNION SELECT post_id FROM votes WHERE person_id = ?1',
    [personId],
  );
  for (const r of acted) if (!own.has(r.post_id)) touched.add(r.post_id);
  // Others' echoes of their posts go with them (a cascade): where they were renders again.
  const echoes = await db.all<{ id: number }>(
    'SELECT id FROM posts WHERE echo_of IN (SELECT id FROM posts WHERE person_id = ?1) AND person_id != ?1',
    [personId],
  );
  for (const r of echoes) touched.add(r.id);
  const reactors = ids.map((i) => `${i.network}|${i.id}`);
  if (reactors.length) {
    const reacted = await db.all<{ post_id: number }>(
      `DELETE FROM reactions WHERE reactor IN (${reactors.map(() => '?').join(',')}) RETURNING post_id`,
      reactors,
    );
    for (const r of reacted) if (!own.has(r.post_id)) touched.add(r.post_id);
  }
  const touchedIds = [...touched].sort((a, b) => a - b);
  const touchedPlacements = await placementsOfPosts(db, touchedIds);
  // Followed posts answering theirs keep no address of it (its slug is words of their text); where they show renders,
  // as where those they starred or voted on show (their counts change).
  const answering = await db.all<PostPlacement>(
    `SELECT e.timeline, e.seq FROM remote_entries e JOIN remote_posts r ON r.id = e.post_id
     WHERE r.reply_to IN (SELECT id FROM posts WHERE person_id = ?1) OR r.id IN (
       SELECT post_id FROM remote_mentions WHERE person_id = ?1 UNION SELECT post_id FROM remote_stars
       WHERE person_id = ?1 UNION SELECT post_id FROM remote_votes WHERE person_id = ?1)`,
    [personId],
  );
  touchedPlacements.push(...answering);
  await db.run(
    'UPDATE remote_posts SET reply_url = NULL, reply_to = NULL ' +
      'WHERE reply_to IN (SELECT id FROM posts WHERE person_id = ?)',
    [personId],
  );
  // Messages waiting to reach them, or about them (their mention notices, their link requests), go too.
  await db.run(
    `DELETE FROM outbox WHERE kind = 'dm' AND (json_extract(payload, '$.about') = ?1 OR EXISTS (
    SELECT 1 FROM identities i WHERE i.person_id = ?1 AND i.network = json_extract(payload, '$.network')
      AND i.ext_id = json_extract(payload, '$.to')))`,
    [personId],
  );
  await db.run(
    `DELETE FROM link_codes WHERE EXISTS (
    SELECT 1 FROM identities i
    WHERE i.person_id = ? AND i.network = link_codes.network AND i.ext_id = link_codes.ext_id)`,
    [personId],
  );
  await admissions.forget(
    db,
    ids.map((i) => keyOf(i.network, i.id)),
  );
  // Cascades take identities, posts, tags, mentions, entries, reactions on their posts, pending statuses, their
  // link codes, notices and old handles.
  await db.run('DELETE FROM people WHERE id = ?', [personId]);
  await privates.dropUnread(db);
  await db.run("DELETE FROM timeline_heads WHERE timeline = 'person:' || ?", [personId]);
  // A tag only they used names something of theirs: its timeline goes entirely.
  const tags = [...new Set(placements.map((p) => p.timeline).filter((t) => t.startsWith('tag:')))];
  await inChunks(tags, async (chunk, list) => {
    await db.run(
      `DELETE FROM timeline_heads WHERE timeline IN (${list})
      AND NOT EXISTS (SELECT 1 FROM timeline_entries e WHERE e.timeline = timeline_heads.timeline)`,
      chunk,
    );
    // Its removed posts too: the tag's name is theirs, and its feed is gone (followers see it gone).
    await db.run(
      `DELETE FROM tombstones WHERE timeline IN (${list})
      AND NOT EXISTS (SELECT 1 FROM timeline_entries e WHERE e.timeline = tombstones.timeline)`,
      chunk,
    );
  });
  await db.run("DELETE FROM tombstones WHERE timeline = 'person:' || ?", [personId]);
  return { postIds, placements, touched: { postIds: touchedIds, placements: touchedPlacements }, handles };
}

export async function putLinkCode(db: Db, c: LinkCode): Promise<void> {
  await db.run(
    'INSERT OR REPLACE INTO link_codes (code, person_id, network, account, ext_id, expires_at) VALUES (?, ?, ?, ?, ' +
      '?, ?)',
    [c.code, c.personId, c.network, c.account, c.extId, c.expiresAt],
  );
}

export async function takeLinkCode(
  db: Db,
  code: string,
  network: string,
  extId: string,
  now: number,
): Promise<LinkCode | undefined> {
  await db.run('DELETE FROM link_codes WHERE expires_at < ?', [now]);
  const r = await db.get<{
    code: string;
    person_id: number;
    network: string;
    account: string;
    ext_id: string;
    expires_at: number;
  }>('DELETE FROM link_codes WHERE code = ? AND network = ? AND ext_id = ? RETURNING *', [code, network, extId]);
  if (!r) return undefined;
  return {
    code: r.code,
    personId: r.person_id,
    network: r.network,
    account: r.account,
    extId: r.ext_id,
    expiresAt: r.expires_at,
  };
}
