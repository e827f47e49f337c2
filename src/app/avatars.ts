// People's avatars, as their networks give them (Matrix avatar_url, XMPP vCard photos): mirrored into the site as
// `avatars/<person>-<hash>.<ext>`, checked like any mirrored image. A network that hands the image itself (a data:
// address) is read as it is; one whose media needs its grant waits until it is connected.
import { createHash } from 'node:crypto';
import { errorMessage, isTransient, MeshlineError } from '../core/errors.ts';
import { IMAGE_TYPES } from '../core/media-types.ts';
import { AVATAR_DIR } from '../core/paths.ts';
import { logger } from '../log.ts';
import { fetchMedia, type MediaJob, writeMedia } from './media-fetch.ts';

const log = logger('media');

/** A data: address's image: its kind must be one Meshline mirrors, its size within media.maxBytes. */
export function dataImage(url: string, maxBytes: number): { bytes: Buffer; ext: string } {
  const m = /^data:([a-z]+\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/=\s]*)$/i.exec(url);
  if (!m) throw new MeshlineError('not a base64 data: address');
  const ext = IMAGE_TYPES[m[1]!.toLowerCase()];
  if (!ext) throw new MeshlineError(`an avatar of a kind Meshline does not copy (${m[1]})`);
  const bytes = Buffer.from(m[2]!, 'base64');
  if (bytes.length > maxBytes) throw new MeshlineError(`an avatar of ${bytes.length} bytes, over media.maxBytes`);
  return { bytes, ext };
}

export async function mirrorAvatars(app: MediaJob): Promise<number> {
  let done = 0;
  const granted = new Set(app.mediaAccess.networks());
  for (;;) {
    const batch = (await app.store.pendingAvatars(20)).filter((a) => !a.access || granted.has(a.access));
    if (!batch.length) return done;
    for (const a of batch) {
      try {
        if (!app.config.media.mirror) throw new MeshlineError('media.mirror is off');
        const { bytes, ext } = a.url.startsWith('data:')
          ? dataImage(a.url, app.config.media.maxBytes)
          : await fetchMedia(
              a.url,
              app.config.media,
              IMAGE_TYPES,
              undefined,
              app.mediaAccess.headersFor(a.access ?? undefined, a.url),
            );
        const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
        const path = `${AVATAR_DIR}${a.personId}-${hash}.${ext}`;
        await writeMedia(app, path, bytes);
        await app.store.settleAvatar(a.personId, path);
      } catch (err) {
        // A passing failure waits for the next render; anything else leaves their initials until the network says more.
        if (isTransient(err)) {
          log.warn(`avatar of person ${a.personId}: ${errorMessage(err)}; will try again`);
          return done;
        }
        log.warn(`avatar of person ${a.personId}: ${errorMessage(err)}; their initials are shown`);
        await app.store.settleAvatar(a.personId, null);
      }
      done++;
    }
  }
}
