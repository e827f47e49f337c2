// Video cards' thumbnails (media.embeds): learned from the video's host (YouTube's address is known; Vimeo's oEmbed and
// PeerTube's API say it), fetched as any mirrored image, written as `media/<post>-v<n>-<hash>.<ext>`, so they go
// with the post. Readers' browsers fetch nothing from the host until they ask for the player.
import { createHash } from 'node:crypto';
import { thumbnailSource, type VideoLink } from '../core/embeds.ts';
import { errorMessage, isTransient, MeshlineError } from '../core/errors.ts';
import type { RenderTarget } from '../core/model.ts';
import type { PostPlacement } from '../core/ports.ts';
import { imageSize } from '../core/media-types.ts';
import { MEDIA_DIR } from '../core/paths.ts';
import { guardedFetch } from '../net/fetch.ts';
import { logger } from '../log.ts';
import { fetchMedia, type MediaJob, writeMedia } from './media-fetch.ts';

const log = logger('media');

/** The thumbnail's address, asking the host when it is not known. */
async function thumbnailUrl(app: MediaJob, v: VideoLink): Promise<string> {
  const source = thumbnailSource(v);
  if ('image' in source) return source.image;
  const cfg = app.config.media;
  const res = await guardedFetch(source.json, {
    privateSetting: 'media.allowPrivateAddresses',
    allowPrivateAddresses: cfg.allowPrivateAddresses,
    timeoutMs: cfg.timeoutSeconds * 1000,
    maxBytes: 256 * 1024,
    sizeSetting: 'media.maxBytes',
    maxRedirects: 2,
  });
  if (res.status !== 200) throw new MeshlineError(`${source.json}: HTTP ${res.status}`);
  const value = (JSON.parse(res.bytes.toString('utf8')) as Record<string, unknown>)[source.field];
  if (typeof value !== 'string' || !value) throw new MeshlineError(`${source.json} names no thumbnail`);
  // PeerTube gives a path on the instance.
  return new URL(value, v.origin ?? source.json).href;
}

export async function mirrorVideos(
  app: MediaJob,
  pages: (postId: number) => (p: PostPlacement[]) => RenderTarget[],
): Promise<number> {
  if (!app.config.media.embeds) return 0;
  let done = 0;
  for (;;) {
    const batch = await app.store.pendingVideos(20);
    if (!batch.length) return done;
    for (const v of batch) {
      try {
        if (!app.config.media.mirror) throw new MeshlineError('media.mirror is off');
        const { bytes, ext } = await fetchMedia(await thumbnailUrl(app, v), app.config.media);
        const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
        const path = `${MEDIA_DIR}${v.postId}-v${v.n}-${hash}.${ext}`;
        await writeMedia(app, path, bytes);
        await app.store.settleVideo(
          v.postId,
          v.n,
          { state: 'mirrored', thumb: path, ...imageSize(bytes) },
          pages(v.postId),
        );
      } catch (err) {
        const again = isTransient(err) && v.tries < 4;
        log.warn(`video ${v.url}: ${errorMessage(err)}; ${again ? 'will try again' : 'shown as a link'}`);
        await app.store.settleVideo(
          v.postId,
          v.n,
          again ? { state: 'pending' } : { state: 'none' },
          again ? () => [] : pages(v.postId),
        );
        if (again) return done;
      }
      done++;
    }
  }
}
