// The write transaction's operations on what people do besides posting: following sources and people, blocks,
// digests, private posts, stars, votes, flags and marks. Each runs on flushed state (see tx-buffer.ts).
import type { InboxOut, PrivatePostIn } from '../core/private-types.ts';
import * as follows from './follows.ts';
import * as interactions from './interactions.ts';
import * as privates from './private.ts';
import * as remote from './remote.ts';
import * as sources from './sources.ts';
import * as threads from './threads.ts';
import * as embeds from './embeds.ts';
import type { VideoLink } from '../core/embeds.ts';
import { sql } from './sql.ts';
import { placementsOfPosts } from './timelines.ts';
import { TxBuffer } from './tx-buffer.ts';

export class TxSocial extends TxBuffer {
  sources() {
    return this.cold(() => sources.listSources(this.db), false);
  }
  addSource(id: string, addedBy: string) {
    return this.cold(() => sources.addSource(this.db, id, addedBy, Date.now()), false);
  }
  async dropSource(id: string) {
    // Remote posts move timeline heads: the cache's are stale after.
    return (await this.cold(() => remote.dropSource(this.db, id))).placements;
  }

  private async followMap(): Promise<Map<string, number[]>> {
    if (!this.c.follows) this.c.follows = await this.cold(() => follows.allFollows(this.db), false);
    return this.c.follows;
  }
  async followers(targets: readonly string[]) {
    const map = await this.followMap();
    return new Map(targets.flatMap((t) => (map.get(t)?.length ? [[t, map.get(t)!] as const] : [])));
  }
  async follow(personId: number, target: string) {
    const map = await this.followMap();
    const added = await this.cold(() => follows.follow(this.db, personId, target), false);
    if (added) map.set(target, [...(map.get(target) ?? []), personId]);
    return added;
  }
  async unfollow(personId: number, target: string) {
    const map = await this.followMap();
    const removed = await this.cold(() => follows.unfollow(this.db, personId, target), false);
    map.set(
      target,
      (map.get(target) ?? []).filter((p) => p !== personId),
    );
    return removed;
  }
  async followsOf(personId: number) {
    const map = await this.followMap();
    return [...map].flatMap(([t, people]) => (people.includes(personId) ? [t] : [])).sort();
  }
  async blocks(personId: number) {
    let set = this.c.blocks.get(personId);
    if (!set) this.c.blocks.set(personId, (set = await this.cold(() => follows.blocksOf(this.db, personId), false)));
    return set;
  }
  async setBlock(personId: number, target: string, on: boolean) {
    const set = await this.blocks(personId);
    if (on) set.add(target);
    else set.delete(target);
    return this.cold(() => follows.block(this.db, personId, target, on), false);
  }
  async queueDigest(personId: number, line: string, at: number, about?: number): Promise<void> {
    const who = about ?? null;
    this.script.push(
      sql`INSERT INTO follow_digest (person_id, line, at, about) VALUES (${personId}, ${line}, ${at}, ${who})`,
    );
  }
  digests() {
    return this.cold(() => follows.digests(this.db), false);
  }
  clearDigest(personId: number, upTo: number) {
    return this.cold(() => follows.clearDigest(this.db, personId, upTo), false);
  }

  star(postId: number, personId: number, on: boolean) {
    return this.cold(() => interactions.star(this.db, postId, personId, on), false);
  }
  vote(postId: number, personId: number, value: -1 | 0 | 1) {
    return this.cold(() => interactions.vote(this.db, postId, personId, value), false);
  }
  followedPost(url: string) {
    return this.cold(() => remote.byUrl(this.db, url), false);
  }
  starFollowed(postId: number, personId: number, on: boolean) {
    return this.cold(() => interactions.star(this.db, postId, personId, on, 'remote'), false);
  }
  voteFollowed(postId: number, personId: number, value: -1 | 0 | 1) {
    return this.cold(() => interactions.vote(this.db, postId, personId, value, 'remote'), false);
  }
  flag(postId: number, personId: number, reason: string | null, at: number) {
    return this.cold(() => interactions.flag(this.db, postId, personId, reason, at), false);
  }
  setMark(postId: number, mark: 'pinned' | 'hidden', on: boolean) {
    return this.cold(() => interactions.setMark(this.db, postId, mark, on), false);
  }
  echoOf(postId: number, personId: number) {
    return this.cold(() => interactions.echoOf(this.db, postId, personId), false);
  }
  setVideos(postId: number, videos: readonly VideoLink[]) {
    return this.cold(() => embeds.setVideos(this.db, postId, videos), false);
  }
  threadRoot(postId: number) {
    return this.cold(() => threads.rootOf(this.db, postId), false);
  }
  placementsOf(postId: number) {
    return this.cold(() => placementsOfPosts(this.db, [postId]), false);
  }

  createPrivate(p: PrivatePostIn) {
    return this.cold(() => privates.create(this.db, p), false);
  }
  privatePost(id: number) {
    return this.cold(() => privates.get(this.db, id), false);
  }
  privateByOrigin(origin: string, originId: number) {
    return this.cold(() => privates.byOrigin(this.db, origin, originId), false);
  }
  removePrivate(id: number) {
    return this.cold(() => privates.remove(this.db, id), false);
  }
  queueInbox(o: Omit<InboxOut, 'sealed' | 'tries'>) {
    return this.cold(() => privates.queueInbox(this.db, o), false);
  }
}
