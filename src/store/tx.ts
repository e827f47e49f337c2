// One write transaction. Each call to sqlite3 is a round trip through the thread pool (~0.1 ms here),
// so the hot path of ingest — people, identities, rooms, positions, new posts — is served from per-transaction
// caches and its writes are buffered as one SQL script, run in a single call when the transaction flushes.
// Rarer operations flush first and then use the plain queries, so they always see the buffered writes.
import {
  renderTargetKey,
  timelinesOf,
  type Identity,
  type NewPost,
  type Person,
  type RenderTarget,
  type Room,
  type TimelineKey,
} from '../core/model.ts';
import type { AdmissionRequest, AdmissionState, PendingStatus, PostPlacement, StoreTx } from '../core/ports.ts';
import * as admissions from './admissions.ts';
import * as people from './people.ts';
import * as profiles from './profiles.ts';
import * as posts from './posts.ts';
import * as rooms from './rooms.ts';
import { inChunks } from './chunks.ts';
import { lit, sql } from './sql.ts';
import { WriteCache } from './cache.ts';
import { TxSocial } from './tx-social.ts';
import { searchTerms } from '../core/search-terms.ts';

export { WriteCache };

const idKey = (network: string, id: string) => `${network}\u0000${id}`;

export class BufferedTx extends TxSocial implements StoreTx {
  async prefetchDedupe(plain: readonly string[]): Promise<void> {
    const keys = plain.map((k) => this.hashed(k));
    const found = await inChunks(keys, (chunk, list) =>
      this.db.all<{ key: string }>(`SELECT key FROM dedupe WHERE key IN (${list})`, chunk),
    );
    const seen = new Set(found.map((r) => r.key));
    for (const k of keys) if (!seen.has(k)) this.knownNew.add(k);
  }

  async claimDedupe(plain: string, at: number): Promise<boolean> {
    const key = this.hashed(plain);
    if (this.dedupe.has(key)) return false;
    if (!this.knownNew.has(key) && (await this.db.get('SELECT 1 FROM dedupe WHERE key = ?', [key]))) return false;
    this.dedupe.add(key);
    this.bulk.dedupe.push(`(${lit(key)}, ${lit(at)})`);
    return true;
  }

  async identity(network: string, id: string): Promise<Identity | undefined> {
    const k = idKey(network, id);
    if (!this.c.identities.has(k)) this.c.identities.set(k, (await people.identity(this.db, network, id)) ?? null);
    return this.c.identities.get(k) ?? undefined;
  }

  async addIdentity(i: Identity): Promise<void> {
    this.c.identities.set(idKey(i.network, i.id), i);
    this.c.identitiesByPerson.delete(i.personId);
    this.identityWrites = true;
    this.script.push(sql`INSERT INTO identities (network, ext_id, account, person_id, display, verified, last_seen)
      VALUES (${i.network}, ${i.id}, ${i.account}, ${i.personId}, ${i.display}, ${i.verified}, ${i.lastSeen})
      ON CONFLICT (network, ext_id) DO UPDATE SET person_id = excluded.person_id, display = excluded.display,
        last_seen = excluded.last_seen`);
  }

  async touchIdentity(network: string, id: string, display: string, at: number): Promise<void> {
    const k = idKey(network, id);
    const cached = this.c.identities.get(k);
    if (cached && cached.display === display && cached.lastSeen >= at) return;
    if (cached) {
      cached.display = display;
      cached.lastSeen = Math.max(cached.lastSeen, at);
    }
    // One update per identity per transaction, written at flush.
    const prev = this.touched.get(k);
    this.touched.set(k, { network, id, display, at: Math.max(at, prev?.at ?? at) });
  }

  async identitiesOf(personId: number): Promise<Identity[]> {
    let list = this.c.identitiesByPerson.get(personId);
    if (!list) {
      if (this.identityWrites) await this.flush();
      this.c.identitiesByPerson.set(personId, (list = await people.identitiesOf(this.db, personId)));
    }
    // Copies, so last-seen updates below stay in step through touchIdentity.
    return list.map((i) => this.c.identities.get(idKey(i.network, i.id)) ?? i);
  }

  async person(id: number): Promise<Person | undefined> {
    if (!this.c.peopleById.has(id)) this.c.peopleById.set(id, (await people.person(this.db, id)) ?? null);
    return this.c.peopleById.get(id) ?? undefined;
  }

  /**
   * A cached person is newer than the database (their changes are buffered), so what a read finds only fills
   * the cache where it has nothing: the rule holds whichever lookup comes first.
   */
  private remember(p: Person): void {
    if (!this.c.peopleById.get(p.id)) this.c.peopleById.set(p.id, p);
  }

  async personByHandle(handle: string): Promise<Person | undefined> {
    const h = handle.toLowerCase();
    if (!this.c.handles.has(h)) {
      const p = await people.personByHandle(this.db, h);
      this.c.handles.set(h, p?.id ?? null);
      if (p) this.remember(p);
    }
    const id = this.c.handles.get(h);
    return id == null ? undefined : this.person(id);
  }

  async createPerson(wanted: string, name: string, at: number): Promise<Person> {
    // Old handles count as taken: they still point at their person.
    const rows = await this.db.all<{ handle: string }>(
      `SELECT handle FROM people WHERE handle = ?1 OR handle GLOB ?1 || '[0-9]*'
       UNION SELECT handle FROM handle_redirects WHERE handle = ?1 OR handle GLOB ?1 || '[0-9]*'`,
      [wanted],
    );
    const taken = new Set(rows.map((r) => r.handle));
    let handle = wanted;
    for (let n = 2; taken.has(handle) || this.c.handles.get(handle) != null; n++) handle = `${wanted}${n}`;
    this.c.nextPersonId ??= (await this.db.get<{ m: number }>('SELECT coalesce(max(id), 0) AS m FROM people'))!.m + 1;
    const p: Person = { id: this.c.nextPersonId++, handle, name, optedIn: false, notify: null, createdAt: at };
    this.c.peopleById.set(p.id, p);
    this.c.handles.set(handle, p.id);
    this.script.push(
      sql`INSERT INTO people (id, handle, name, opted_in, created_at) VALUES (${p.id}, ${handle}, ${name}, 0, ${at})`,
    );
    return p;
  }

  async setOptIn(id: number, on: boolean): Promise<void> {
    const p = this.c.peopleById.get(id);
    if (p) p.optedIn = on;
    this.script.push(sql`UPDATE people SET opted_in = ${on} WHERE id = ${id}`);
  }

  async setNotify(id: number, notify: Person['notify']): Promise<void> {
    const p = this.c.peopleById.get(id);
    if (p) p.notify = notify;
    this.script.push(sql`UPDATE people SET notify = ${notify} WHERE id = ${id}`);
  }

  mergePeople(keep: number, drop: number) {
    return this.cold(() => people.mergePeople(this.db, keep, drop));
  }
  forgetPerson(id: number) {
    this.needsCheckpoint = true;
    return this.cold(() => people.forgetPerson(this.db, id, (n, i) => this.admissionKey(n, i)));
  }

  handleTaken(handle: string) {
    return this.cold(() => people.handleTaken(this.db, handle), false);
  }
  changeHandle(personId: number, handle: string) {
    return this.cold(() => people.changeHandle(this.db, personId, handle));
  }
  setName(personId: number, name: string) {
    return this.cold(() => profiles.setName(this.db, personId, name));
  }
  setAvatarSource(personId: number, avatar: { url: string; access?: string } | null) {
    return this.cold(() => profiles.setAvatarSource(this.db, personId, avatar), false);
  }
  setBio(personId: number, bio: string | null) {
    return this.cold(() => profiles.setBio(this.db, personId, bio), false);
  }
  setShowIdentities(personId: number, on: boolean) {
    return this.cold(() => profiles.setShowIdentities(this.db, personId, on), false);
  }

  admission(network: string, id: string) {
    return this.cold(() => admissions.admission(this.db, this.admissionKey(network, id)), false);
  }

  setAdmission(network: string, id: string, state: AdmissionState, request?: AdmissionRequest) {
    const key = this.admissionKey(network, id);
    const at = request?.at ?? Date.now();
    return this.cold(() => admissions.setAdmission(this.db, key, network, state, request, at), false);
  }

  pendingAdmissions(network: string) {
    return this.cold(() => admissions.pending(this.db, network), false);
  }
  withdrawAdmission(network: string, id: string) {
    return this.cold(() => admissions.withdraw(this.db, this.admissionKey(network, id)), false);
  }

  async room(network: string, extId: string): Promise<Room | undefined> {
    const k = idKey(network, extId);
    if (!this.c.roomsByKey.has(k)) this.c.roomsByKey.set(k, (await rooms.room(this.db, network, extId)) ?? null);
    return this.c.roomsByKey.get(k) ?? undefined;
  }

  upsertRoom(network: string, extId: string, name: string, enabled: boolean, policy: Room['policy']) {
    return this.cold(() => rooms.upsertRoom(this.db, network, extId, name, enabled, policy));
  }

  private async place(postId: number, timelines: readonly TimelineKey[]): Promise<PostPlacement[]> {
    const out: PostPlacement[] = [];
    for (const timeline of timelines) {
      let head = this.c.heads.get(timeline);
      if (!head) {
        const row = await this.db.get<{ last_seq: number }>('SELECT last_seq FROM timeline_heads WHERE timeline = ?', [
          timeline,
        ]);
        this.c.heads.set(timeline, (head = { seq: row?.last_seq ?? 0, dirty: false }));
      }
      head.seq++;
      head.dirty = true;
      out.push({ timeline, seq: head.seq });
    }
    for (const p of out) this.bulk.entries.push(`(${lit(p.timeline)}, ${p.seq}, ${postId})`);
    return out;
  }

  async createPost(
    p: NewPost,
    tags: string[],
    mentions: number[],
  ): Promise<{ id: number; placements: PostPlacement[] }> {
    // Ids come from AUTOINCREMENT's own counter, so a deleted post's id is never handed out again.
    this.c.nextPostId ??=
      ((await this.db.get<{ seq: number | null }>(
        "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'posts'), 0), coalesce((SELECT max(id) " +
          'FROM posts), 0)) AS seq',
      ))!.seq ?? 0) + 1;
    const id = this.c.nextPostId++;
    this.bulk.posts.push(
      sql`(${id}, ${p.personId}, ${p.kind}, ${p.text}, ${p.presence}, ${p.roomId}, ${p.network}, ${p.at},
        ${p.action}, ${p.sourceKey}, ${p.slug}, ${p.replyTo ?? null}, ${p.replyUrl ?? null}, ${p.echoOf ?? null})`,
    );
    for (const [n, a] of (p.attachments ?? []).entries()) {
      const encryption = a.encryption ? JSON.stringify(a.encryption) : null;
      this.bulk.attachments.push(
        sql`(${id}, ${n}, ${a.kind}, ${a.url}, ${a.name}, ${encryption}, ${a.access ?? null}, 'pending')`,
      );
    }
    for (const t of tags) this.bulk.tags.push(`(${id}, ${lit(t)})`);
    for (const m of mentions) this.bulk.mentions.push(`(${id}, ${lit(m)})`);
    for (const t of searchTerms(p.text)) this.bulk.terms.push(`(${lit(t)}, ${id})`);
    for (const [n, v] of (p.videos ?? []).entries())
      this.bulk.embeds.push(sql`(${id}, ${n}, ${v.provider}, ${v.id}, ${v.url}, ${v.origin ?? null})`);
    if (p.kind === 'status') this.c.lastStatus.set(p.personId, p.text);
    return { id, placements: await this.place(id, timelinesOf(p, tags)) };
  }

  post(id: number) {
    return this.cold(() => posts.post(this.db, id), false);
  }
  postBySource(key: string) {
    return this.cold(() => posts.postBySource(this.db, key), false);
  }
  editPost(id: number, text: string, at: number, tags: string[], mentions: number[]) {
    return this.cold(() => posts.editPost(this.db, id, text, at, tags, mentions));
  }
  deletePost(id: number) {
    return this.cold(() => posts.deletePost(this.db, id));
  }
  addReaction(postId: number, key: string, reactor: string) {
    return this.cold(() => posts.addReaction(this.db, postId, key, reactor), false);
  }

  async lastStatusText(personId: number): Promise<string | undefined> {
    if (!this.c.lastStatus.has(personId))
      this.c.lastStatus.set(personId, (await posts.lastStatusText(this.db, personId)) ?? null);
    return this.c.lastStatus.get(personId) ?? undefined;
  }

  async putPendingStatus(p: PendingStatus): Promise<void> {
    this.script.push(sql`INSERT OR REPLACE INTO pending_status
      (person_id, network, text, presence, at, due_at, source_key)
      VALUES (${p.personId}, ${p.network}, ${p.text}, ${p.presence}, ${p.at}, ${p.dueAt}, ${p.sourceKey})`);
  }

  takeDueStatuses(now: number) {
    return this.cold(() => posts.takeDueStatuses(this.db, now), false);
  }
  pendingStatus(personId: number) {
    return this.cold(() => posts.pendingStatus(this.db, personId), false);
  }
  putLinkCode(c: Parameters<StoreTx['putLinkCode']>[0]) {
    return this.cold(() => people.putLinkCode(this.db, c), false);
  }
  takeLinkCode(code: string, network: string, extId: string, now: number) {
    return this.cold(() => people.takeLinkCode(this.db, code, network, extId, now), false);
  }

  async notificationsSince(personId: number, since: number): Promise<number> {
    let times = this.c.notices.get(personId);
    if (!times) {
      times = (
        await this.db.all<{ at: number }>('SELECT at FROM notifications WHERE person_id = ? AND at >= ?', [
          personId,
          since,
        ])
      ).map((r) => r.at);
      this.c.notices.set(personId, times);
    }
    const recent = times.filter((at) => at >= since);
    this.c.notices.set(personId, recent);
    return recent.length;
  }

  async recordNotification(personId: number, at: number): Promise<void> {
    await this.notificationsSince(personId, at - 3_600_000);
    this.c.notices.get(personId)!.push(at);
    this.script.push(sql`INSERT INTO notifications (person_id, at) VALUES (${personId}, ${at})`);
  }

  async queueRender(targets: RenderTarget[], notBefore?: number): Promise<void> {
    for (const t of targets) {
      const key = renderTargetKey(t);
      if (notBefore === undefined) {
        this.later.delete(key);
        if (!this.renders.has(key)) this.renders.set(key, JSON.stringify(t));
      } else if (!this.renders.has(key) && !this.later.has(key))
        this.later.set(key, { payload: JSON.stringify(t), notBefore });
    }
  }

  async queueDm(dm: Parameters<StoreTx['queueDm']>[0]): Promise<void> {
    this.script.push(
      sql`INSERT INTO outbox (kind, key, payload) VALUES ('dm', lower(hex(randomblob(8))), ${JSON.stringify(dm)})`,
    );
  }
}
