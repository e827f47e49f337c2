// Video cards: the videos a post links, and the thumbnails the media job mirrors for them.
import type { VideoLink, VideoProvider } from '../core/embeds.ts';
import type { PendingVideo, VideoOutcome } from '../core/jobs.ts';
import type { PostPlacement } from '../core/ports.ts';
import type { Db } from './db.ts';
import { inChunks } from './chunks.ts';

/** A post's videos after an edit: unchanged ones keep their thumbnails. */
export async function setVideos(db: Db, postId: number, videos: readonly VideoLink[]): Promise<boolean> {
  const had = await db.all<{ provider: string; video_id: string }>(
    'SELECT provider, video_id FROM embeds WHERE post_id = ? ORDER BY n',
    [postId],
  );
  const same =
    had.length === videos.length &&
    had.every((h, i) => h.provider === videos[i]!.provider && h.video_id === videos[i]!.id);
  if (same) return false;
  await db.run('DELETE FROM embeds WHERE post_id = ?', [postId]);
  for (const [n, v] of videos.entries())
    await db.run('INSERT INTO embeds (post_id, n, provider, video_id, url, origin) VALUES (?, ?, ?, ?, ?, ?)', [
      postId,
      n,
      v.provider,
      v.id,
      v.url,
      v.origin ?? null,
    ]);
  return true;
}

export async function pending(db: Db, limit: number): Promise<PendingVideo[]> {
  const rows = await db.all<{
    post_id: number;
    n: number;
    provider: VideoProvider;
    video_id: string;
    url: string;
    origin: string | null;
    tries: number;
  }>(
    'SELECT post_id, n, provider, video_id, url, origin, tries FROM embeds ' +
      "WHERE state = 'pending' ORDER BY post_id, n LIMIT ?",
    [limit],
  );
  return rows.map((r) => ({
    postId: r.post_id,
    n: r.n,
    provider: r.provider,
    id: r.video_id,
    url: r.url,
    tries: r.tries,
    ...(r.origin ? { origin: r.origin } : {}),
  }));
}

/** Records what became of a thumbnail; returns where the post sits, so its pages render again. */
export async function settle(db: Db, postId: number, n: number, o: VideoOutcome): Promise<PostPlacement[]> {
  if (o.state === 'pending') {
    await db.run('UPDATE embeds SET tries = tries + 1 WHERE post_id = ? AND n = ?', [postId, n]);
    return [];
  }
  const m = o.state === 'mirrored' ? o : undefined;
  await db.run('UPDATE embeds SET state = ?, thumb = ?, width = ?, height = ? WHERE post_id = ? AND n = ?', [
    o.state,
    m?.thumb ?? null,
    m?.width ?? null,
    m?.height ?? null,
    postId,
    n,
  ]);
  return db.all<PostPlacement>('SELECT timeline, seq FROM timeline_entries WHERE post_id = ?', [postId]);
}

export interface VideoRow {
  post_id: number;
  provider: VideoProvider;
  video_id: string;
  url: string;
  origin: string | null;
  thumb: string | null;
  width: number | null;
  height: number | null;
}

export function ofPosts(db: Db, ids: readonly number[]): Promise<VideoRow[]> {
  return inChunks(ids, (chunk, list) =>
    db.all<VideoRow>(
      `SELECT post_id, provider, video_id, url, origin, thumb, width, height FROM embeds WHERE post_id IN (${list})
       ORDER BY post_id, n`,
      chunk,
    ),
  );
}
