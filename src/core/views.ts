// What the renderer is handed: plain data, already joined, nothing to look up.
import type { PostKind, Presence } from './types.ts';
import type { TimelineKey } from './model.ts';
import type { VideoProvider } from './embeds.ts';

export interface PersonView {
  handle: string;
  name: string;
}
/** A reply as the post it answers lists it. */
export interface ReplyView {
  id: number;
  slug: string;
  at: number;
  author: PersonView;
  /** The start of its text, cut between graphemes. */
  excerpt: string;
}

/** What a person's page says of them above their posts. */
export interface ProfileView {
  handle: string;
  name: string;
  bio: string | null;
  since: number;
  posts: number;
  status: { text: string; at: number; away: boolean } | null;
  /** Where else they are, only when they chose to show it (`identities on`). */
  identities: { network: string; id: string }[];
  /** The site path of their mirrored avatar; null: none (an image of their initials is shown). */
  avatar: string | null;
}

export interface RoomView {
  slug: string;
  name: string;
  network: string;
}

/** `bytes`, `width` and `height` are known for files mirrored since migration 13. */
export interface Attachment {
  kind: 'image' | 'file';
  name: string;
  url: string;
  path: string | null;
  bytes?: number | null;
  width?: number | null;
  height?: number | null;
}

export interface PostView {
  id: number;
  slug: string;
  kind: PostKind;
  text: string;
  presence: Presence | null;
  at: number;
  editedAt: number | null;
  action: boolean;
  network: string;
  author: PersonView;
  room: RoomView | null;
  tags: string[];
  /** Handles of the people the post mentions, as they are now. */
  mentions: string[];
  reactions: { key: string; count: number }[];
  /** Mirrored ones carry their site path; the others are shown as links to where they came from. */
  /** url is '' when where it came from is no use to a reader (encrypted there). */
  attachments: Attachment[];
  /** The post this one answers, as it is now; `url` when that post lives elsewhere (a followed site). */
  replyTo: { id: number; slug: string; handle: string; url?: string } | null;
  /** Stars, votes and echoes, when the site has any. */
  score?: { stars: number; up: number; down: number; echoes: number };
  /** An echo: the post it shows, as it is now (gone with it). */
  echo?: PostView;
  pinned?: boolean;
  /** Videos it links, as cards (media.embeds): the thumbnail's site path, null when none could be had. */
  videos?: {
    provider: VideoProvider;
    url: string;
    player: string;
    thumb: string | null;
    width?: number;
    height?: number;
  }[];
  /** On its own page: the posts answering it, oldest first. */
  replies?: ReplyView[];
  /** On its own page, when it is part of a conversation: the post that starts it (its page lists them all). */
  threadRoot?: number;
  /**
   * Set for a post of a followed source (its id here is negative, apart from local ones): where it lives. It has no
   * page here; its author's page is under mesh/.
   */
  origin?: RemoteOrigin;
}

export interface RemoteOrigin {
  /** Its site's root (a Meshline site) or its feed's origin. */
  site: string;
  host: string;
  /** A Meshline site: its #tags and @people are pages there. */
  meshline: boolean;
  /** The post there. */
  url: string | null;
  /** Its author's page here (under mesh/) and there. */
  authorDir: string;
  authorUrl: string | null;
}

export type TimelineKind = 'home' | 'person' | 'tag' | 'room' | 'mesh' | 'remote' | 'network';

export interface TimelineMeta {
  key: TimelineKey;
  kind: TimelineKind;
  /** Folder under the site root, '' for home, else ending in '/'. */
  dir: string;
  title: string;
  /** Highest position ever given on this timeline: the page count follows from it. */
  lastSeq: number;
  /** Posts on it now. */
  count: number;
  /** A remote person's timeline: their page where they write. */
  origin?: { host: string; url: string };
}

export interface SiteReader {
  /** Loads the small lookups (people, rooms) afresh; call at the start of each render. */
  refresh(): Promise<void>;
  /** Every timeline the site has, in two queries. */
  allTimelines(): Promise<TimelineMeta[]>;
  timeline(key: TimelineKey): Promise<TimelineMeta | undefined>;
  /** Posts with positions in [fromSeq, toSeq], newest first, with their positions. */
  range(key: TimelineKey, fromSeq: number, toSeq: number): Promise<{ posts: PostView[]; seqs: number[] }>;
  /**
   * The ids and positions in [fromSeq, toSeq], newest first, without reading the posts (hidden ones included: `posts`
   * leaves them out); undefined for a timeline that may have followed sites' posts there (read those with `range`).
   */
  rangeIds(key: TimelineKey, fromSeq: number, toSeq: number): Promise<{ ids: number[]; seqs: number[] } | undefined>;
  /** The newest posts, with their positions. */
  newest(key: TimelineKey, limit: number): Promise<{ posts: PostView[]; seqs: number[] }>;
  /** Posts by id; with `conversation`, as their own pages show them (their replies, their thread). */
  posts(ids: readonly number[], opts?: { conversation?: boolean }): Promise<PostView[]>;
  postIdsAfter(afterId: number, limit: number): Promise<number[]>;
  /** Each timeline's pages' newest post ids (by page number), from this site's own posts. */
  pageNewest(pageSize: number): Promise<Map<TimelineKey, number[]>>;
  /** The highest post id there is (0 with none). */
  lastPostId(): Promise<number>;
  people(): Promise<PersonView[]>;
  /** A conversation's posts in reading order with their depth; empty when `root` has no replies. */
  thread(root: number): Promise<{ post: PostView; depth: number }[]>;
  /** Posts that start a conversation. */
  threadRoots(): Promise<number[]>;
  /** Networks with posts here (their timelines), by name. */
  networks(): Promise<string[]>;
  /** Where a timeline's posts begin by quarter hour (src/store/site-lists.ts), for its months. */
  quarterStarts(key: TimelineKey): Promise<{ seq: number; at: number }[]>;
  /** A person's page header (`person:<id>` timelines). */
  profile(personId: number): Promise<ProfileView | undefined>;
  tags(): Promise<{ tag: string; count: number }[]>;
  rooms(): Promise<RoomView[]>;
  /** Old handles whose pages now point at their person's (`to`) page. */
  redirects(): Promise<{ handle: string; personId: number; to: string }[]>;
  /** Folders of a person's old handles: their feeds stay there, for subscribers who never moved. */
  aliasDirs(key: TimelineKey): string[];
  /** The folder a timeline's pages lived in, once it has none. */
  dirOf(key: TimelineKey): string | undefined;
  /** Ids of posts removed from a timeline (deleted, forgotten), for its JSON Feed's followers. */
  tombstones(key: TimelineKey): Promise<number[]>;
  /** Sealed copies of private posts for other sites: inbox/<name>.json. */
  inbox(): Promise<{ name: string; sealed: string }[]>;
  /** A private site's members' feed links (their random tokens). */
  feedTokens(): Promise<string[]>;
  /** Pinned posts that head a timeline's front page (home's, a room's), newest first. */
  pinned(key: TimelineKey): Promise<PostView[]>;
  /** The posts of a timeline someone starred, voted on or echoed, with their scores: what the sorted views order. */
  rankable(key: TimelineKey): Promise<PostView[]>;
  /** Timelines with such posts: they have sorted views. */
  sortable(): Promise<Set<TimelineKey>>;
  /** The search index: each term starting with `prefix` and the posts (shown ones, newest first) it finds. */
  searchShard(prefix: string): Promise<Map<string, number[]>>;
  /** Every shard prefix and every summaries bucket the site has (for a full render); every term's list made. */
  searchParts(): Promise<{ shards: string[]; buckets: number[] }>;
  /** The made lists of up to `limit` terms after `after`, in code point order (a full render reads them all). */
  searchLists(after: string, limit: number): Promise<[string, number[]][]>;
  /** What search results show of shown posts: no tags, reactions or files, so none of them are read. */
  searchDocs(
    ids: readonly number[],
  ): Promise<{ id: number; slug: string; at: number; text: string; author: PersonView }[]>;
}
