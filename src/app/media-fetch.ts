// Fetching what the media job mirrors: the guarded fetch with media's limits, decrypting files a network served
// encrypted, the credentials networks granted, and writing a mirrored file through the site writer.
import type { Sealer } from '../site/private.ts';
import { createDecipheriv, createHash } from 'node:crypto';
import type { Config } from '../config/index.ts';
import { guardedFetch, isPrivateAddress } from '../net/fetch.ts';
import { SiteWriter } from '../site/writer.ts';
import type { MediaStore } from '../core/jobs.ts';
import { MeshlineError, errorMessage } from '../core/errors.ts';
import { IMAGE_TYPES } from '../core/media-types.ts';
import type { MediaEncryption } from '../core/types.ts';

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
