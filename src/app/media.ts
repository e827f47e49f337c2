// Mirrors images and files sent with messages into the site: fetched once, size-capped, type-checked, named after
// their post.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RenderTarget } from '../core/model.ts';
import type { PostPlacement } from '../core/ports.ts';
import { targetsForPlacements } from '../core/targets.ts';
import { errorMessage, isTransient } from '../core/errors.ts';
import { mediaPath } from '../core/paths.ts';
import { FILE_TYPES, IMAGE_TYPES, imageSize } from '../core/media-types.ts';
import { mirrorVideos } from './video-thumbs.ts';
import { fetchMedia, type MediaJob, writeMedia } from './media-fetch.ts';

export { decryptMedia, fetchMedia, isPrivateAddress, MediaAccess, type MediaJob } from './media-fetch.ts';
import { mirrorAvatars } from './avatars.ts';
import { logger } from '../log.ts';

const log = logger('media');
/** What networks granted, once connected, for fetching their private media; in memory only, never stored. */
/** Fetches pending attachments; each outcome re-renders its post's pages. Returns how many were settled. */
export async function mirrorPending(app: MediaJob): Promise<number> {
  const cfg = app.config.media;
  // A settled attachment changes its post's pages: its permalink and the pages it sits on (the core decides).
  const pages =
    (postId: number) =>
    (placements: PostPlacement[]): RenderTarget[] => [
      { kind: 'post', id: postId },
      ...targetsForPlacements(placements, app.config.site.pageSize),
    ];
  let settled = (await measureOld(app, pages)) + (await mirrorVideos(app, pages)) + (await mirrorAvatars(app));
  for (;;) {
    const batch = await app.store.pendingAttachments(20, app.mediaAccess.networks());
    if (!batch.length) return settled;
    for (const a of batch) {
      if (!cfg.mirror) {
        await app.store.settleAttachment(a.postId, a.n, { state: 'link' }, pages(a.postId));
      } else {
        try {
          const { bytes, ext } = await fetchMedia(
            a.url,
            cfg,
            a.kind === 'image' ? IMAGE_TYPES : FILE_TYPES,
            a.encryption,
            app.mediaAccess.headersFor(a.access, a.url),
          );
          const path = mediaPath(a.postId, a.n, createHash('sha256').update(bytes).digest('hex').slice(0, 16), ext);
          await writeMedia(app, path, bytes);
          const size = a.kind === 'image' ? imageSize(bytes) : undefined;
          const outcome = { state: 'mirrored', path, bytes: bytes.length, ...size } as const;
          await app.store.settleAttachment(a.postId, a.n, outcome, pages(a.postId));
        } catch (err) {
          const again = isTransient(err) && a.tries < 4;
          log.warn(
            `${errorMessage(err)}; ` +
              `${again ? 'will try again' : a.encryption || a.access ? 'shown by name only' : 'shown as a link'}`,
          );
          await app.store.settleAttachment(
            a.postId,
            a.n,
            again ? { state: 'pending' } : { state: 'link' },
            again ? () => [] : pages(a.postId),
          );
          // Transient failures wait for the next render rather than spinning here.
          if (again) return settled;
        }
      }
      settled++;
    }
  }
}

/**
 * Files mirrored before their sizes were kept: read once from the site folder (a private site's are sealed there,
 * and a file gone is size 0: either way they are not asked about again), and their pages rendered with the sizes.
 */
async function measureOld(app: MediaJob, pages: (postId: number) => (p: PostPlacement[]) => RenderTarget[]) {
  let done = 0;
  for (;;) {
    const batch = await app.store.unsizedAttachments(100);
    if (!batch.length) return done;
    for (const a of batch) {
      let bytes: Buffer | undefined;
      try {
        bytes = app.builder.sealer ? undefined : readFileSync(join(app.outputDir, a.path));
      } catch {
        bytes = undefined;
      }
      const size = bytes && a.kind === 'image' ? imageSize(bytes) : undefined;
      const outcome = { state: 'mirrored', path: a.path, bytes: bytes?.length ?? 0, ...size } as const;
      await app.store.settleAttachment(a.postId, a.n, outcome, bytes ? pages(a.postId) : () => []);
      done++;
    }
  }
}
