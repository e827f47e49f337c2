// Posts as rows → the plain views pages are rendered from, with everything shown beside them read in a few queries.
import { IN_LIST } from './chunks.ts';
import type { Attachment, PersonView, PostView, ReplyView, RoomView } from '../core/views.ts';
import { cutText } from '../core/names.ts';
import { repliesTo, rootOf } from './threads.ts';
import * as embeds from './embeds.ts';
import { playerUrl } from '../core/embeds.ts';

function videoView(v: embeds.VideoRow): NonNullable<PostView['videos']>[number] {
  const link = { provider: v.provider, id: v.video_id, url: v.url, ...(v.origin ? { origin: v.origin } : {}) };
  return {
    provider: v.provider,
    url: v.url,
    player: playerUrl(link),
    thumb: v.thumb,
    ...(v.width && v.height ? { width: v.width, height: v.height } : {}),
  };
}
import type { Db } from './db.ts';
import type { Score } from './interaction-views.ts';
import { beside } from './beside.ts';
import type { RemoteReader } from './remote-reader.ts';
import { POST_COLUMNS, type PostRow } from './rows.ts';

/** The reader's lookups and what the site has, as of its last refresh. */
export interface Lookups {
  person(id: number): PersonView | undefined;
  room(id: number): RoomView | undefined;
  /** Handles a person had before. */
  oldHandles(id: number): string[];
  anyAttachments: boolean;
  /** Whether any post has a reaction: a site without is read without asking at every batch. */
  anyReactions: boolean;
  anyInteractions: boolean;
  /** Whether any post links a video (media.embeds): most sites' posts are read without asking. */
  anyEmbeds: boolean;
  remote: RemoteReader;
}

/** The distinct values of a column the rows have (not null, not empty), in order. */
function present<K extends 'id' | 'echo_of' | 'reply_to' | 'reply_url'>(
  rows: readonly PostRow[],
  key: K,
): NonNullable<PostRow[K]>[] {
  const seen = new Set<NonNullable<PostRow[K]>>();
  for (const r of rows) {
    const v = r[key];
    if (v !== null && v !== '') seen.add(v as NonNullable<PostRow[K]>);
  }
  return [...seen];
}

async function echoed(db: Db, rows: readonly PostRow[], l: Lookups): Promise<Map<number, PostView>> {
  const ids = present(rows, 'echo_of');
  if (!ids.length) return new Map();
  const originals = await db.all<PostRow>(
    `SELECT ${POST_COLUMNS} FROM posts p WHERE p.id IN (${IN_LIST}) AND p.hidden = 0`,
    [JSON.stringify(ids)],
  );
  return new Map(
    (
      await hydrate(
        db,
        originals.map((o) => ({ ...o, echo_of: null })),
        l,
      )
    ).map((v) => [v.id, v]),
  );
}

/** What a reader keeps that hydrating needs: its fields as they are at each call. */
interface LookupSource {
  peopleById: ReadonlyMap<number, PersonView>;
  roomsById: ReadonlyMap<number, RoomView>;
  oldHandles: ReadonlyMap<number, string[]>;
  anyAttachments: boolean;
  anyReactions: boolean;
  anyInteractions: boolean;
  anyEmbeds: boolean;
  remote: RemoteReader;
}

/** One object for a reader's whole life, not new closures per batch (V8 optimizes every new closure again). */
export function readerLookups(r: LookupSource): Lookups {
  return {
    person: (id) => r.peopleById.get(id),
    room: (id) => r.roomsById.get(id),
    oldHandles: (id) => r.oldHandles.get(id) ?? [],
    get anyAttachments() {
      return r.anyAttachments;
    },
    get anyReactions() {
      return r.anyReactions;
    },
    get anyInteractions() {
      return r.anyInteractions;
    },
    get anyEmbeds() {
      return r.anyEmbeds;
    },
    get remote() {
      return r.remote;
    },
  };
}

/** Local posts that remote ones answer. */
export async function localParents(
  db: Db,
  ids: number[],
  l: Lookups,
): Promise<Map<number, { id: number; slug: string; handle: string }>> {
  if (!ids.length) return new Map();
  const rows = await db.all<{ id: number; slug: string; person_id: number }>(
    `SELECT id, slug, person_id FROM posts WHERE id IN (${IN_LIST})`,
    [JSON.stringify(ids)],
  );
  return new Map(rows.map((p) => [p.id, { id: p.id, slug: p.slug, handle: l.person(p.person_id)?.handle ?? '' }]));
}

/** Rows of posts as the views pages are rendered from: tags, mentions, reactions, files, what they answer, counts. */
export async function hydrate(db: Db, rows: PostRow[], l: Lookups): Promise<PostView[]> {
  if (!rows.length) return [];
  const ids = present(rows, 'id');
  const idList = JSON.stringify(ids);
  const { tagsBy, mentionsBy, scoreBy } = await beside(db, idList, l.anyInteractions);
  const reactions = !l.anyReactions
    ? []
    : await db.all<{ post_id: number; key: string; n: number }>(
        `SELECT post_id, key, count(*) AS n FROM reactions WHERE post_id IN (${IN_LIST}) GROUP BY post_id, ` +
          `key ORDER BY key`,
        [idList],
      );
  const files = !l.anyAttachments
    ? []
    : await db.all<Attachment & { post_id: number }>(
        `SELECT post_id, kind, name, CASE WHEN encryption IS NULL AND access IS NULL THEN url ELSE '' END AS url, ` +
          `path, bytes, width, height FROM attachments WHERE post_id IN (${IN_LIST}) ORDER BY post_id, n`,
        [idList],
      );
  const parentIds = present(rows, 'reply_to');
  const parents = new Map(
    parentIds.length
      ? (
          await db.all<{ id: number; slug: string; person_id: number }>(
            `SELECT id, slug, person_id FROM posts WHERE id IN (${IN_LIST})`,
            [JSON.stringify(parentIds)],
          )
        ).map((p) => [p.id, p])
      : [],
  );
  // Posts answering one on another site: who wrote it, when it is followed here.
  const elsewhere = await l.remote.authorsOf(present(rows, 'reply_url'));
  const echoes = await echoed(db, rows, l);
  const videos = l.anyEmbeds ? await embeds.ofPosts(db, ids) : [];
  const joined: Joined = {
    l,
    tagsBy,
    mentionsBy,
    reactionsBy: byPost(reactions),
    filesBy: byPost(files),
    videosBy: byPost(videos),
    parents,
    elsewhere,
    scoreBy,
    echoes,
  };
  const out: PostView[] = [];
  for (const r of rows) out.push(viewOf(r, joined));
  return out;
}

/** What hydrate read beside a batch of rows, by post. */
interface Joined {
  l: Lookups;
  tagsBy: Map<number, string[]>;
  /** Mentioned people's ids. */
  mentionsBy: Map<number, number[]>;
  reactionsBy: Map<number, { key: string; n: number }[]>;
  filesBy: Map<number, (Attachment & { post_id: number })[]>;
  videosBy: Map<number, embeds.VideoRow[]>;
  parents: Map<number, { id: number; slug: string; person_id: number }>;
  elsewhere: Map<string, string>;
  scoreBy: Map<number, Score>;
  echoes: Map<number, PostView>;
}

// Top-level functions, not closures made per batch: V8 optimizes each new closure again (a full render made 700).
function byPost<T extends { post_id: number }>(list: readonly T[]): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const x of list) {
    const had = m.get(x.post_id);
    if (had) had.push(x);
    else m.set(x.post_id, [x]);
  }
  return m;
}

function mentionedHandles(personIds: readonly number[] | undefined, l: Lookups): string[] {
  const out: string[] = [];
  for (const id of personIds ?? []) {
    const h = l.person(id)?.handle;
    // Old handles too: a post that says @old links to the redirect page there.
    if (h) out.push(h, ...l.oldHandles(id));
  }
  return out.sort();
}

function parentOf(r: PostRow, x: Joined): PostView['replyTo'] {
  if (r.reply_url) return { id: 0, slug: '', handle: x.elsewhere.get(r.reply_url)!, url: r.reply_url };
  const p = r.reply_to !== null ? x.parents.get(r.reply_to) : undefined;
  return p ? { id: p.id, slug: p.slug, handle: x.l.person(p.person_id)?.handle ?? 'unknown' } : null;
}

function viewOf(r: PostRow, x: Joined): PostView {
  const l = x.l;
  const author = l.person(r.person_id) ?? { handle: 'unknown', name: 'unknown' };
  const room = r.room_id === null ? null : (l.room(r.room_id) ?? null);
  const tags = x.tagsBy.get(r.id) ?? [];
  const reactions: { key: string; count: number }[] = [];
  for (const k of x.reactionsBy.get(r.id) ?? []) reactions.push({ key: k.key, count: k.n });
  const attachments: Attachment[] = [];
  for (const { post_id: _, ...a } of x.filesBy.get(r.id) ?? []) attachments.push(a);
  const videos = x.videosBy.get(r.id);
  const score = x.scoreBy.get(r.id);
  const echo = r.echo_of !== null ? x.echoes.get(r.echo_of) : undefined;
  return {
    id: r.id,
    slug: r.slug,
    kind: r.kind as PostView['kind'],
    text: r.text,
    presence: r.presence as PostView['presence'],
    at: r.at,
    editedAt: r.edited_at,
    action: r.action === 1,
    network: r.network,
    author: { handle: author.handle, name: author.name },
    room: room && { slug: room.slug, name: room.name, network: room.network },
    tags: tags.sort(),
    mentions: mentionedHandles(x.mentionsBy.get(r.id), l),
    reactions,
    attachments,
    replyTo: parentOf(r, x),
    ...(score !== undefined ? { score } : {}),
    ...(echo !== undefined ? { echo } : {}),
    ...(r.pinned === 1 ? { pinned: true } : {}),
    ...(videos !== undefined ? { videos: videos.map(videoView) } : {}),
  };
}

/** Posts as their own pages show them: the replies each has, and the thread it is part of. */
export async function withConversation(
  db: Db,
  views: PostView[],
  rows: readonly PostRow[],
  l: Lookups,
): Promise<PostView[]> {
  const replies = await repliesTo(
    db,
    views.map((v) => v.id),
  );
  const byParent = new Map<number, ReplyView[]>();
  for (const r of replies) {
    const author = l.person(r.person_id) ?? { handle: 'unknown', name: 'unknown' };
    const list = byParent.get(r.reply_to) ?? byParent.set(r.reply_to, []).get(r.reply_to)!;
    list.push({ id: r.id, slug: r.slug, at: r.at, author, excerpt: cutText(r.text.replace(/\s+/g, ' '), 140) });
  }
  const parentOf = new Map(rows.map((r) => [r.id, r.reply_to]));
  const out: PostView[] = [];
  for (const v of views) {
    const answers = byParent.get(v.id) ?? [];
    const parent = parentOf.get(v.id) ?? null;
    // A post that answers one here is in that one's thread; one that is answered starts its own.
    const root = parent !== null ? await rootOf(db, v.id) : answers.length ? v.id : undefined;
    out.push({
      ...v,
      ...(answers.length ? { replies: answers } : {}),
      ...(root !== undefined ? { threadRoot: root } : {}),
    });
  }
  return out;
}
