// Posts as rows → the plain views pages are rendered from, with everything shown beside them read in a few queries.
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
import { scores, type Score } from './interaction-views.ts';
import type { RemoteReader } from './remote-reader.ts';
import { POST_COLUMNS, type PostRow } from './rows.ts';

/** The reader's lookups and what the site has, as of its last refresh. */
export interface Lookups {
  person(id: number): PersonView | undefined;
  room(id: number): RoomView | undefined;
  /** Handles a person had before. */
  oldHandles(id: number): string[];
  anyAttachments: boolean;
  anyInteractions: boolean;
  /** Whether any post links a video (media.embeds): most sites' posts are read without asking. */
  anyEmbeds: boolean;
  remote: RemoteReader;
}

const inList = (n: number) => Array.from({ length: n }, () => '?').join(',');

async function echoed(db: Db, rows: readonly PostRow[], l: Lookups): Promise<Map<number, PostView>> {
  const ids = [...new Set(rows.flatMap((r) => (r.echo_of !== null ? [r.echo_of] : [])))];
  if (!ids.length) return new Map();
  const originals = await db.all<PostRow>(
    `SELECT ${POST_COLUMNS} FROM posts p WHERE p.id IN (${inList(ids.length)}) AND p.hidden = 0`,
    ids,
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

/** Local posts that remote ones answer. */
export async function localParents(
  db: Db,
  ids: number[],
  l: Lookups,
): Promise<Map<number, { id: number; slug: string; handle: string }>> {
  if (!ids.length) return new Map();
  const rows = await db.all<{ id: number; slug: string; person_id: number }>(
    `SELECT id, slug, person_id FROM posts WHERE id IN (${inList(ids.length)})`,
    ids,
  );
  return new Map(rows.map((p) => [p.id, { id: p.id, slug: p.slug, handle: l.person(p.person_id)?.handle ?? '' }]));
}

/** Rows of posts as the views pages are rendered from: tags, mentions, reactions, files, what they answer, counts. */
export async function hydrate(db: Db, rows: PostRow[], l: Lookups): Promise<PostView[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const tags = await db.all<{ post_id: number; tag: string }>(
    `SELECT post_id, tag FROM post_tags WHERE post_id IN (${inList(ids.length)})`,
    ids,
  );
  const mentions = await db.all<{ post_id: number; person_id: number }>(
    `SELECT post_id, person_id FROM post_mentions WHERE post_id IN (${inList(ids.length)})`,
    ids,
  );
  const reactions = await db.all<{ post_id: number; key: string; n: number }>(
    `SELECT post_id, key, count(*) AS n FROM reactions WHERE post_id IN (${inList(ids.length)}) GROUP BY post_id, ` +
      `key ORDER BY key`,
    ids,
  );
  const files = !l.anyAttachments
    ? []
    : await db.all<Attachment & { post_id: number }>(
        `SELECT post_id, kind, name, CASE WHEN encryption IS NULL AND access IS NULL THEN url ELSE '' END AS url, ` +
          `path, bytes, width, height FROM attachments WHERE post_id IN (${inList(ids.length)}) ORDER BY post_id, n`,
        ids,
      );
  const parentIds = [...new Set(rows.flatMap((r) => (r.reply_to !== null ? [r.reply_to] : [])))];
  const parents = new Map(
    parentIds.length
      ? (
          await db.all<{ id: number; slug: string; person_id: number }>(
            `SELECT id, slug, person_id FROM posts WHERE id IN (${inList(parentIds.length)})`,
            parentIds,
          )
        ).map((p) => [p.id, p])
      : [],
  );
  // Posts answering one on another site: who wrote it, when it is followed here.
  const elsewhere = await l.remote.authorsOf(rows.flatMap((r) => (r.reply_url ? [r.reply_url] : [])));
  const scoreBy = l.anyInteractions ? await scores(db, ids) : new Map<number, Score>();
  const echoes = await echoed(db, rows, l);
  const videos = l.anyEmbeds ? await embeds.ofPosts(db, ids) : [];
  const group = <T extends { post_id: number }>(list: T[]) => {
    const m = new Map<number, T[]>();
    for (const x of list) (m.get(x.post_id) ?? m.set(x.post_id, []).get(x.post_id)!).push(x);
    return m;
  };
  const tagsBy = group(tags),
    mentionsBy = group(mentions),
    reactionsBy = group(reactions),
    filesBy = group(files),
    videosBy = group(videos);
  return rows.map((r) => {
    const author = l.person(r.person_id) ?? { handle: 'unknown', name: 'unknown' };
    const room = r.room_id === null ? null : (l.room(r.room_id) ?? null);
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
      tags: (tagsBy.get(r.id) ?? []).map((t) => t.tag).sort(),
      // Old handles too: a post that says @old links to the redirect page there.
      mentions: (mentionsBy.get(r.id) ?? [])
        .flatMap((m) => {
          const h = l.person(m.person_id)?.handle;
          return h ? [h, ...l.oldHandles(m.person_id)] : [];
        })
        .sort(),
      reactions: (reactionsBy.get(r.id) ?? []).map((x) => ({ key: x.key, count: x.n })),
      attachments: (filesBy.get(r.id) ?? []).map(({ post_id: _, ...a }) => a),
      replyTo: r.reply_url
        ? { id: 0, slug: '', handle: elsewhere.get(r.reply_url)!, url: r.reply_url }
        : ((p) => (p ? { id: p.id, slug: p.slug, handle: l.person(p.person_id)?.handle ?? 'unknown' } : null))(
            r.reply_to !== null ? parents.get(r.reply_to) : undefined,
          ),
      ...(scoreBy.has(r.id) ? { score: scoreBy.get(r.id)! } : {}),
      ...(r.echo_of !== null && echoes.has(r.echo_of) ? { echo: echoes.get(r.echo_of)! } : {}),
      ...(r.pinned === 1 ? { pinned: true } : {}),
      ...(videosBy.has(r.id) ? { videos: videosBy.get(r.id)!.map(videoView) } : {}),
    };
  });
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
