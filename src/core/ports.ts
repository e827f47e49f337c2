// What the core needs from storage. src/store implements it with SQLite; the core never sees SQL.
import type { SourceRow } from './jobs.ts';
import type { InboxOut, PrivatePost, PrivatePostIn } from './private-types.ts';
import type {
  Identity,
  NewPost,
  OutgoingDm,
  Person,
  Post,
  RenderTarget,
  Room,
  RoomPolicy,
  TimelineKey,
} from './model.ts';
import type { NetworkName, Presence } from './types.ts';
import type { VideoLink } from './embeds.ts';

export interface PendingStatus {
  personId: number;
  network: NetworkName;
  text: string;
  presence: Presence;
  at: number;
  dueAt: number;
  sourceKey: string | null;
}

export interface PostPlacement {
  timeline: TimelineKey;
  seq: number;
}

/** Posts changed in bulk, and where they sat (or now sit) on timelines. */
export interface PostChanges {
  postIds: number[];
  placements: PostPlacement[];
}

/** What forgetting a person changed: their posts (gone), others' posts that showed them, handles they had. */
export interface Forgotten extends PostChanges {
  /** Other people's posts that mentioned them or carried their reactions: they render again without them. */
  touched: PostChanges;
  /** Their handle and every handle they had before, whose folders go. */
  handles: string[];
}

export type AdmissionState = 'pending' | 'approved' | 'denied';

/** Who asked to opt in on a network where an admin decides, kept only while the request waits. */
export interface AdmissionRequest {
  network: NetworkName;
  account: string;
  id: string;
  display: string;
  verified: boolean;
  at: number;
}

export interface LinkCode {
  code: string;
  personId: number;
  network: NetworkName;
  account: string;
  extId: string;
  expiresAt: number;
}

/** Operations valid inside one write transaction. */
export interface StoreTx {
  /** A hint that these keys are about to be claimed, so the store can look them all up at once. */
  prefetchDedupe(keys: readonly string[]): Promise<void>;
  claimDedupe(key: string, at: number): Promise<boolean>;

  identity(network: NetworkName, id: string): Promise<Identity | undefined>;
  addIdentity(identity: Identity): Promise<void>;
  touchIdentity(network: NetworkName, id: string, display: string, at: number): Promise<void>;
  identitiesOf(personId: number): Promise<Identity[]>;

  person(id: number): Promise<Person | undefined>;
  personByHandle(handle: string): Promise<Person | undefined>;
  /** Creates a person with `wanted` as handle, or wanted2, wanted3… when taken. */
  createPerson(wanted: string, name: string, at: number): Promise<Person>;
  setOptIn(personId: number, optedIn: boolean): Promise<void>;
  setNotify(personId: number, notify: Person['notify']): Promise<void>;
  /** Moves identities and posts of `drop` to `keep` and deletes `drop`. */
  mergePeople(keep: number, drop: number): Promise<PostChanges>;
  /**
   * Deletes a person with all their posts, identities and traces (messages queued to or about them, their
   * reactions, link codes, pending requests); the bytes are overwritten and the log checkpointed at commit.
   */
  forgetPerson(personId: number): Promise<Forgotten>;
  /** True when the handle is a person's or an old handle someone keeps. */
  handleTaken(handle: string): Promise<boolean>;
  /** Gives a person a new handle; the old one redirects to it. Returns it, and the posts that show the person. */
  changeHandle(personId: number, handle: string): Promise<{ old: string } & PostChanges>;
  setName(personId: number, name: string): Promise<PostChanges>;
  /**
   * Where the person's avatar is now (null: none). When it changed the media job mirrors it (src/app/avatars.ts);
   * `gone` is the old copy's path, to remove.
   */
  setAvatarSource(
    personId: number,
    avatar: { url: string; access?: string } | null,
  ): Promise<{ gone?: string } | undefined>;
  setBio(personId: number, bio: string | null): Promise<boolean>;
  setShowIdentities(personId: number, on: boolean): Promise<boolean>;

  /** An admin's decision about an identity on a network, if any. */
  admission(network: NetworkName, id: string): Promise<AdmissionState | undefined>;
  /** Records a decision or a request; returns the request that was waiting, if there was one. */
  setAdmission(
    network: NetworkName,
    id: string,
    state: AdmissionState,
    request?: AdmissionRequest,
  ): Promise<AdmissionRequest | undefined>;
  pendingAdmissions(network: NetworkName): Promise<AdmissionRequest[]>;
  /** Drops a waiting request (the one who asked changed their mind); true when there was one. */
  withdrawAdmission(network: NetworkName, id: string): Promise<boolean>;

  room(network: NetworkName, extId: string): Promise<Room | undefined>;
  upsertRoom(network: NetworkName, extId: string, name: string, enabled: boolean, policy: RoomPolicy): Promise<Room>;

  createPost(post: NewPost, tags: string[], mentions: number[]): Promise<{ id: number; placements: PostPlacement[] }>;
  post(id: number): Promise<Post | undefined>;
  postBySource(sourceKey: string): Promise<Post | undefined>;
  editPost(id: number, text: string, at: number, tags: string[], mentions: number[]): Promise<PostPlacement[]>;
  /** Deletes a post: where it sat, and its replies (they lose their link to it) with where they sit. */
  deletePost(id: number): Promise<{ placements: PostPlacement[]; replies: PostChanges }>;
  lastStatusText(personId: number): Promise<string | undefined>;
  addReaction(postId: number, key: string, reactor: string): Promise<boolean>;

  putPendingStatus(p: PendingStatus): Promise<void>;
  /** The status waiting for its debounce window to close, if any. */
  pendingStatus(personId: number): Promise<PendingStatus | undefined>;
  takeDueStatuses(now: number): Promise<PendingStatus[]>;

  putLinkCode(c: LinkCode): Promise<void>;
  /** Consumes a code only when it was sent to this identity, so a stranger cannot burn it. */
  takeLinkCode(code: string, network: NetworkName, extId: string, now: number): Promise<LinkCode | undefined>;

  notificationsSince(personId: number, since: number): Promise<number>;
  recordNotification(personId: number, at: number): Promise<void>;

  /** Renders to do; with `notBefore`, ones that may wait until then (batched with others that come meanwhile). */
  queueRender(targets: RenderTarget[], notBefore?: number): Promise<void>;
  queueDm(dm: OutgoingDm): Promise<void>;

  /** The site's followed sources (docs/MESH.md): friends add and remove them by direct message. */
  sources(): Promise<SourceRow[]>;
  addSource(id: string, addedBy: string): Promise<boolean>;
  /** Stops following; what only it brought is removed, and the pages it was on render again. */
  dropSource(id: string): Promise<PostPlacement[]>;

  /** Who follows each of these targets inside the site (`@handle`, `#tag`, a source id). */
  followers(targets: readonly string[]): Promise<Map<string, number[]>>;
  follow(personId: number, target: string): Promise<boolean>;
  unfollow(personId: number, target: string): Promise<boolean>;
  followsOf(personId: number): Promise<string[]>;
  /** Whom the person no longer hears from: `handle` here, `handle@host` elsewhere. */
  blocks(personId: number): Promise<Set<string>>;
  setBlock(personId: number, target: string, on: boolean): Promise<boolean>;
  /** A line for the person's next notice of new posts they follow; `about`: the local author, whom forget clears. */
  queueDigest(personId: number, line: string, at: number, about?: number): Promise<void>;
  digests(): Promise<Map<number, { line: string; at: number }[]>>;
  clearDigest(personId: number, upTo: number): Promise<void>;

  /** A person's star on a post, on or off; true when it changed. */
  star(postId: number, personId: number, on: boolean): Promise<boolean>;
  /** Up (1), down (-1) or no vote (0); true when it changed. */
  vote(postId: number, personId: number, value: -1 | 0 | 1): Promise<boolean>;
  /** A followed post (src/store/remote.ts) by its address, and where it sits. */
  followedPost(url: string): Promise<{ id: number; placements: PostPlacement[] } | undefined>;
  starFollowed(postId: number, personId: number, on: boolean): Promise<boolean>;
  voteFollowed(postId: number, personId: number, value: -1 | 0 | 1): Promise<boolean>;
  /** A flag (reason) or taking it back (null): whether it changed, and how many people flag the post now. */
  flag(
    postId: number,
    personId: number,
    reason: string | null,
    at: number,
  ): Promise<{ changed: boolean; count: number }>;
  setMark(postId: number, mark: 'pinned' | 'hidden', on: boolean): Promise<boolean>;
  /** The person's echo of a post, if any. */
  echoOf(postId: number, personId: number): Promise<number | undefined>;
  /** A post's videos after an edit (media.embeds); true when they changed. */
  setVideos(postId: number, videos: readonly VideoLink[]): Promise<boolean>;
  /** The first post of the reply chain a post is in (itself when it answers nothing here). */
  threadRoot(postId: number): Promise<number>;
  /** Where a post sits (its timelines and positions). */
  placementsOf(postId: number): Promise<PostPlacement[]>;

  /** A private post and who may read it; undefined when this one was received before. */
  createPrivate(p: PrivatePostIn): Promise<number | undefined>;
  privatePost(id: number): Promise<PrivatePost | undefined>;
  privateByOrigin(origin: string, originId: number): Promise<number | undefined>;
  /** Deletes it and its sealed copies; true when it had copies in the inbox (their files go at the next render). */
  removePrivate(id: number): Promise<boolean>;
  queueInbox(o: Omit<InboxOut, 'sealed' | 'tries'>): Promise<void>;
}

export interface Store {
  /** Runs fn in one write transaction; writes are serialised so transactions never interleave. */
  write<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
}
