// Mirrors images and files sent with messages into the site: fetched once, size-capped, type-checked, named after
// their post.
import type { Sealer } from '../site/private.ts';
import { createDecipheriv, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/index.ts';
import type { RenderTarget } from '../core/model.ts';
import type { PostPlacement } from '../core/ports.ts';
import { targetsForPlacements } from '../core/targets.ts';
import { guardedFetch, isPrivateAddress } from '../net/fetch.ts';
import { SiteWriter } from '../site/writer.ts';
import type { MediaStore } from '../core/jobs.ts';
import { MeshlineError, errorMessage, isTransient } from '../core/errors.ts';
import { mediaPath } from '../core/paths.ts';
import { FILE_TYPES, IMAGE_TYPES, imageSize } from '../core/media-types.ts';
import { mirrorVideos } from './video-thumbs.ts';
import { mirrorAvatars } from './avatars.ts';
import type { MediaEncryption } from '../core/types.ts';
import { logger } from '../log.ts';

const log = logger('media');
/** What networks granted, once connected, for fetching their private media; in memory only, never stored. */
export class MediaAccess {
  private readonly grants = new Map<string, { prefix: string; headers: Record<string, string> }>();

  grant(network: string, prefix: string, headers: Record<string, string>): void {
    this.grants.set(network, { prefix, headers });
  }

  networks(): string[] {
    return [...this.grants.keys()];
  }

  /** The headers only go to addresses under the granted prefix, whatever the attachment row says. */
  headersFor(network: string | undefined, url: string): Record<string, string> | undefined {
    const g = network ? this.grants.get(network) : undefined;
    return g && url.startsWith(g.prefix) ? g.headers : undefined;
  }
}

export { isPrivateAddress };

/** Checks the ciphertext against its hash, then decrypts it. */
export function decryptMedia(bytes: Buffer, e: MediaEncryption): Buffer {
  const unpad = (s: string) => s.replace(/=+$/, '');
  if (unpad(createHash('sha256').update(bytes).digest('base64')) !== unpad(e.sha256))
    throw new MeshlineError('the encrypted file does not match its hash');
  const key = Buffer.from(e.key, 'base64url');
  const iv = Buffer.from(e.iv, 'base64');
  if (key.length !== 32 || iv.length !== 16) throw new MeshlineError('the encrypted file has a malformed key or iv');
  const d = createDecipheriv('aes-256-ctr', key, iv);
  return Buffer.concat([d.update(bytes), d.final()]);
}

export async function fetchMedia(
  url: string,
  cfg: Config['media'],
  types: Record<string, string> = IMAGE_TYPES,
  encryption?: MediaEncryption,
  headers?: Record<string, string>,
): Promise<{ bytes: Buffer; ext: string }> {
  const res = await guardedFetch(
    url,
    {
      privateSetting: 'media.allowPrivateAddresses',
      allowPrivateAddresses: cfg.allowPrivateAddresses,
      timeoutMs: cfg.timeoutSeconds * 1000,
      maxBytes: cfg.maxBytes,
      sizeSetting: 'media.maxBytes',
      // None: a chat message's link is fetched where it says, or not at all.
      maxRedirects: 0,
    },
    headers,
  );
  if (res.status < 200 || res.status >= 300) throw new MeshlineError(`fetching ${url}: HTTP ${res.status}`);
  // An encrypted file is opaque bytes to the server: its kind is the sender's word.
  const type = encryption
    ? encryption.type
    : (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const ext = types[type];
  if (!ext) throw new MeshlineError(`${url} is not a kind Meshline copies (${type})`);
  const bytes = res.bytes;
  if (!encryption) return { bytes, ext };
  try {
    return { bytes: decryptMedia(bytes, encryption), ext };
  } catch (err) {
    throw new MeshlineError(`${url}: ${errorMessage(err)}`, { cause: err });
  }
}

/** What the media job needs of the app (not the app itself: context.ts imports this file). */
export interface MediaJob {
  config: Pick<Config, 'media' | 'site'>;
  store: MediaStore;
  outputDir: string;
  mediaAccess: MediaAccess;
  /** A private site seals mirrored files like every other. */
  builder: { readonly sealer: Sealer | undefined };
}

/** Writes a mirrored file through the site writer like every site file: whole (temporary name, rename), recorded. */
export async function writeMedia(app: MediaJob, path: string, bytes: Buffer): Promise<void> {
  const writer = new SiteWriter(app.outputDir, (paths) => app.store.manifestHashes(paths), {
    sealer: app.builder.sealer,
  });
  await writer.put(path, bytes);
  await writer.flush();
  const failed = writer.failed[0];
  if (failed) throw new MeshlineError(`${path} could not be written: ${errorMessage(failed.error)}`);
  const { written, removed } = writer.drain();
  await app.store.commitRender(written, removed, []);
}

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
