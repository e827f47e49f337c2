// Stored things, as the core and the renderer see them.
import type { AttachmentRef, NetworkName, PostKind, Presence } from './types.ts';
import type { VideoLink } from './embeds.ts';

export interface Person {
  id: number;
  handle: string;
  name: string;
  optedIn: boolean;
  /** Network for mention notices; null = the one they last wrote from; 'off' = none. */
  notify: NetworkName | 'off' | null;
  createdAt: number;
}

export interface Identity {
  personId: number;
  network: NetworkName;
  account: string;
  id: string;
  display: string;
  verified: boolean;
  lastSeen: number;
}

export type RoomPolicy = 'opted-in' | 'everyone';

export interface Room {
  id: number;
  network: NetworkName;
  extId: string;
  name: string;
  slug: string;
  enabled: boolean;
  policy: RoomPolicy;
}

export interface Post {
  id: number;
  personId: number;
  kind: PostKind;
  text: string;
  presence: Presence | null;
  roomId: number | null;
  network: NetworkName;
  at: number;
  editedAt: number | null;
  action: boolean;
  /** network + message id, to find the post again for edits, retractions, reactions. */
  sourceKey: string | null;
  slug: string;
  /** The post this one answers, if that is on the site. */
  replyTo?: number | null;
  /** The address of the post it answers on another site (docs/MESH.md). */
  replyUrl?: string | null;
  /** An echo shows this post of someone else's (and goes with it). */
  echoOf?: number | null;
  pinned?: boolean;
  hidden?: boolean;
}

export type NewPost = Omit<Post, 'id' | 'editedAt'> & {
  attachments?: readonly AttachmentRef[];
  /** Videos its text links, shown as cards (media.embeds). */
  videos?: readonly VideoLink[];
};

/** A timeline is home, a person's, a tag's or a room's; or, from followed sources, the mesh's or a remote person's. */
export type TimelineKey =
  | 'home'
  | 'mesh'
  | `person:${number}`
  | `tag:${string}`
  | `room:${number}`
  | `remote:${number}`
  /** The posts of one network (its configured name): secondary, so their renders wait for a batch. */
  | `network:${string}`;

/** What needs rendering again. Kept in the outbox until rendered. */
export type RenderTarget =
  | { kind: 'head'; timeline: TimelineKey }
  | { kind: 'page'; timeline: TimelineKey; page: number }
  | { kind: 'post'; id: number }
  | { kind: 'index'; which: 'people' | 'tags' | 'rooms' }
  | { kind: 'gone'; prefix: string }
  /** A person's old handle: its pages point at their new ones. */
  | { kind: 'redirect'; handle: string }
  /** The sealed copies of private posts for other sites (inbox/). */
  | { kind: 'inbox' }
  /** A timeline's sorted views (hot/, best/, worst/, controversial/): they change with stars, votes and echoes. */
  | { kind: 'sorted'; timeline: TimelineKey }
  /** The search index: one shard of terms, one bucket of posts' summaries, or all of it. */
  | { kind: 'search'; shard: string }
  | { kind: 'search-docs'; bucket: number }
  | { kind: 'search-all' }
  /** The sitemap file of a chunk of post ids (src/app/site-files.ts). */
  | { kind: 'sitemap'; chunk: number }
  /** The conversation page of the thread starting at `root` (removed when it has no replies). */
  | { kind: 'thread'; root: number };

/** An outgoing direct message waiting in the outbox. */
export interface OutgoingDm {
  network: NetworkName;
  account: string;
  to: string;
  text: string;
  /** The person the message is about (a mention notice's author, a link request's sender): forget drops it. */
  about?: number;
  /** The answer to `forget yes`, the last message to that person: once sent, the store overwrites it on disk. */
  final?: boolean;
}

export function timelinesOf(
  post: Pick<Post, 'personId' | 'roomId' | 'network'>,
  tags: readonly string[],
): TimelineKey[] {
  const keys: TimelineKey[] = ['home', `person:${post.personId}`, `network:${post.network}`];
  if (post.roomId !== null) keys.push(`room:${post.roomId}`);
  for (const t of tags) keys.push(`tag:${t}`);
  return keys;
}

export function renderTargetKey(t: RenderTarget): string {
  switch (t.kind) {
    case 'head':
      return `head:${t.timeline}`;
    case 'page':
      return `page:${t.timeline}:${t.page}`;
    case 'post':
      return `post:${t.id}`;
    case 'index':
      return `index:${t.which}`;
    case 'gone':
      return `gone:${t.prefix}`;
    case 'redirect':
      return `redirect:${t.handle}`;
    case 'inbox':
      return 'inbox';
    case 'sorted':
      return `sorted:${t.timeline}`;
    case 'search':
      return `search:${t.shard}`;
    case 'search-docs':
      return `search-docs:${t.bucket}`;
    case 'sitemap':
      return `sitemap:${t.chunk}`;
    case 'thread':
      return `thread:${t.root}`;
    case 'search-all':
      return 'search-all';
  }
}

export function pageOf(seq: number, pageSize: number): number {
  return Math.max(1, Math.ceil(seq / pageSize));
}
