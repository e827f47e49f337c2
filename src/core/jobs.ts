// What the jobs that turn stored changes into files, uploads and messages need from the store: the build (render),
// publishing, media mirroring and message delivery depend on these ports, not on SQLite.
import type { OutgoingDm, RenderTarget } from './model.ts';
import type { PostPlacement } from './ports.ts';
import type { InboxOut } from './private-types.ts';
import type { MediaEncryption } from './types.ts';
import type { SiteReader } from './views.ts';
import type { VideoLink } from './embeds.ts';

/** A row of the outbox: work that survives a crash until it is done. */
export interface OutboxItem<T> {
  id: number;
  /** Bumped when the same work is asked for again while it is being done. */
  gen: number;
  payload: T;
  attempts: number;
}
export type OutboxRef = Pick<OutboxItem<unknown>, 'id' | 'gen'>;

export type PublishOp = 'put' | 'delete';
export type PublishItem = OutboxItem<{ path: string; op: PublishOp }> & { notBefore: number };

/** A site file as the manifest records it. */
export interface ManifestEntry {
  path: string;
  hash: string;
  size: number;
}

/** A full render's mark on the files it produced (src/store/manifest.ts): its generation, and those unchanged. */
export interface RenderMark {
  gen: number;
  seen: readonly string[];
}

export interface RenderCommit {
  /** Records a render's file changes and consumes the render targets it served, atomically. */
  commitRender(
    written: readonly ManifestEntry[],
    removed: readonly string[],
    done: readonly OutboxRef[],
    mark?: RenderMark,
  ): Promise<void>;
  manifestHashes(paths: readonly string[]): Promise<Map<string, string>>;
  /**
   * Whether written and removed files are queued for a publish target: not when the output folder is the site (a
   * target added later compares itself with the whole site on its first publish).
   */
  queuesPublish: boolean;
}

/** A post as a sitemap lists it: its address and when it last changed. */
export interface SitemapPost {
  id: number;
  slug: string;
  at: number;
}

export interface RenderStore extends RenderCommit {
  readonly reader: SiteReader;
  /** The site's posts for its sitemaps (src/app/site-files.ts), by id. */
  readonly sitemap: {
    posts(fromId: number, toId: number): Promise<SitemapPost[]>;
    chunks(size: number): Promise<number[]>;
  };
  /** Where another connection (the permalink worker) opens the same store. */
  readonly location: string;
  peekRenders(limit: number, now?: number): Promise<OutboxItem<RenderTarget>[]>;
  postponeRenders(items: readonly OutboxRef[], notBefore: number): Promise<void>;
  manifestPathsUnder(prefix: string): Promise<string[]>;
  /** A new full render's generation. */
  nextGeneration(): Promise<number>;
  /** No file recorded yet (a first render): its writers need not look any up. */
  manifestEmpty(): Promise<boolean>;
  /** Files the full render of `gen` did not produce, in path order after `after`. */
  unmarked(gen: number, after: string, limit: number): Promise<string[]>;
  snapshotRenders(): Promise<number>;
  retireSnapshot(): Promise<void>;
  counts(): Promise<{ people: number; posts: number; files: number }>;
}

export interface PublishStore {
  peekPublish(limit: number): Promise<PublishItem[]>;
  outboxDone(items: readonly OutboxRef[]): Promise<void>;
  outboxPostpone(id: number, notBefore: number): Promise<void>;
  queuePublish(changes: readonly (readonly [path: string, op: PublishOp])[]): Promise<void>;
  loadManifest(): Promise<Map<string, string>>;
  setting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;
}

export interface DeliveryStore {
  peekDms(now: number, limit: number): Promise<OutboxItem<OutgoingDm>[]>;
  outboxDone(items: readonly OutboxRef[]): Promise<void>;
  outboxPostpone(id: number, notBefore: number): Promise<void>;
  /** Moves the write-ahead log into the database and truncates it. */
  checkpoint(): Promise<void>;
}

export interface PendingAttachment {
  postId: number;
  n: number;
  kind: 'image' | 'file';
  url: string;
  name: string;
  tries: number;
  encryption?: MediaEncryption;
  access?: string;
}

export type AttachmentOutcome =
  | { state: 'mirrored'; path: string; bytes: number; width?: number; height?: number }
  | { state: 'link' }
  | { state: 'pending' };

/** A video card's thumbnail to mirror (src/store/embeds.ts). */
export interface PendingVideo extends VideoLink {
  postId: number;
  n: number;
  tries: number;
}

export type VideoOutcome =
  | { state: 'mirrored'; thumb: string; width?: number; height?: number }
  | { state: 'none' }
  | { state: 'pending' };

export interface MediaStore extends RenderCommit {
  pendingAttachments(limit: number, networks?: readonly string[]): Promise<PendingAttachment[]>;
  /** Videos whose thumbnails wait to be mirrored, and what became of one (with the renders it asks for). */
  pendingVideos(limit: number): Promise<PendingVideo[]>;
  settleVideo(
    postId: number,
    n: number,
    outcome: VideoOutcome,
    renders: (placements: PostPlacement[]) => RenderTarget[],
  ): Promise<void>;
  /** People whose avatar waits to be mirrored, and what became of one (with the renders that show it). */
  pendingAvatars(limit: number): Promise<{ personId: number; url: string; access: string | null }[]>;
  settleAvatar(personId: number, path: string | null): Promise<void>;
  /** Files mirrored before their sizes were kept: measured once from the site folder. */
  unsizedAttachments(limit: number): Promise<{ postId: number; n: number; kind: 'image' | 'file'; path: string }[]>;
  /** Records what became of an attachment, with the renders `renders` asks for, in one transaction. */
  settleAttachment(
    postId: number,
    n: number,
    outcome: AttachmentOutcome,
    renders: (placements: PostPlacement[]) => RenderTarget[],
  ): Promise<void>;
}

/** A followed source, as the store keeps it (the mesh's pulls fill in how it went). */
export interface SourceRow {
  /** The one spelling src/core/source.ts gives it. */
  id: string;
  /** config, cli, or person:<id>. */
  addedBy: string;
  addedAt: number;
  /** The site key pinned for it, standard base64. */
  key: string | null;
  /** Another key the site now publishes, refused until the operator accepts it. */
  keyOffered: string | null;
  fetchedAt: number | null;
  okAt: number | null;
  /** How the last pull went, in words. */
  result: string | null;
  failures: number;
  /** What the source turned out to be at its last pull (JSON of src/mesh/pull.ts's Resolved). */
  resolved: string | null;
  /** The feed's validators, for a conditional GET. */
  etag: string | null;
  lastModified: string | null;
  /** When it is pulled next (jittered; later after failures). */
  nextAt: number;
}

/** What a pull learnt about a source, to keep for the next one. */
export interface PullRecord {
  at: number;
  ok: boolean;
  result: string;
  resolved?: string | undefined;
  etag?: string | null | undefined;
  lastModified?: string | null | undefined;
  key?: string | undefined;
  keyOffered?: string | null | undefined;
  nextAt?: number | undefined;
}

export interface SourceStore {
  list(): Promise<SourceRow[]>;
  /** Returns whether it was added (false: it was followed already). */
  add(id: string, addedBy: string, key?: string): Promise<boolean>;
  remove(id: string): Promise<boolean>;
  recordPull(id: string, r: PullRecord): Promise<void>;
  /** The operator accepts a key for the source (a changed one the site offered); the next pull checks with it. */
  pin(id: string, key: string): Promise<boolean>;
  /** The config's `mesh.follow` becomes the set of sources added by `config`. */
  syncConfig(wanted: readonly { id: string; key?: string }[]): Promise<void>;
}

/** A person on a followed source, as its feed names them. */
export interface RemoteAuthor {
  /** The Meshline site's root, or the origin of any other feed. */
  site: string;
  /** Their handle there (a Meshline site says it), else one made from their name. */
  handle: string;
  name: string;
  /** Their page there. */
  url: string | null;
  /** Whether the site is a Meshline site (its tags and people are pages there too). */
  meshline: boolean;
}

export interface RemotePostIn {
  remoteId: string;
  url: string | null;
  /** Cleaned plain text (src/mesh/items.ts), capped as local text is. */
  text: string;
  at: number;
  editedAt: number | null;
  author: RemoteAuthor;
  /** The address of the post it answers, and that post's id when it is one of this site's. */
  replyUrl: string | null;
  replyTo: number | null;
  /** Handles of local people it mentions (@handle@this.site). */
  mentions: string[];
}

/** What one pull of one source brought, to be made the store's view of that source. */
export interface RemoteBatch {
  source: string;
  /** The site the source is on (RemoteAuthor.site). */
  site: string;
  items: RemotePostIn[];
  /**
   * Posts the source carried before and no longer does are removed only when at least this new (a feed keeps its
   * newest items: older ones scrolled off, they were not deleted); null: the feed is empty and trusted, all go.
   */
  keepOlderThan: number | null;
  /** Also place new posts on the home timeline (mesh.homeTimeline). */
  home: boolean;
  /** A signed Meshline feed's word that these of its site's posts (by id) are gone: removed here too. */
  removedIds?: number[];
}

export interface RemoteChanges {
  added: number;
  edited: number;
  removed: number;
  placements: PostPlacement[];
  /** Where edited or removed posts that people here starred or voted on sat: their sorted views change. */
  ranked: PostPlacement[];
  /** New posts that mention local people: who, so they can be told. */
  mentioned: {
    postId: number;
    personId: number;
    text: string;
    author: string;
    url: string | null;
    /** It answers their post (else it names them). */
    reply: boolean;
    /** `handle@host`, as blocks name it. */
    from: string;
  }[];
  /** New posts, for those who follow their source. */
  fresh: { author: string; from: string; text: string; url: string | null }[];
}

export interface MeshStore {
  /** Sealed copies waiting for their site's box key. */
  pendingInbox(): Promise<InboxOut[]>;
  /** Its sealed entry (the inbox renders again), or null: not this time. */
  sealInbox(name: string, sealed: string | null): Promise<void>;
  /** Entries of a followed site's inbox already looked at. */
  inboxSeen(site: string): Promise<Set<string>>;
  markInboxSeen(site: string, names: readonly string[]): Promise<void>;
  /** Stores a pull's items: new ones placed, changed ones edited, dropped ones removed; renders as `renders` says. */
  ingest(batch: RemoteBatch, renders: (placements: PostPlacement[]) => RenderTarget[]): Promise<RemoteChanges>;
  /** Removes what only this source carried, and the source (unfollow). */
  dropSource(id: string, renders: (placements: PostPlacement[]) => RenderTarget[]): Promise<RemoteChanges>;
  /** Removes posts of blocked sites and people, and those no followed source carries any more. */
  purge(
    blocked: (author: { site: string; handle: string }) => boolean,
    renders: (placements: PostPlacement[]) => RenderTarget[],
  ): Promise<RemoteChanges>;
}
