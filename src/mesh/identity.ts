// The site's identity on the mesh: an Ed25519 key pair kept beside the database. Other sites pin its public key and
// verify the detached signature published beside every JSON Feed (docs/MESH.md).
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { MeshlineError } from '../core/errors.ts';
import { boxKeyText, deriveBoxKeys, type BoxKeys } from './box.ts';

/** Where a site's key lives: beside its database, in the folder operators already back up. */
export function siteKeyPath(storePath: string): string {
  return join(dirname(storePath), 'site-key.pem');
}

/** The text the old key signs to hand a site over to a new one: the new key, prefixed so it means nothing else. */
export const keyChangeText = (newKey: string) => `meshline key change to ${newKey}`;

/** The old key's word that the new one is the site's (docs/MESH.md, "Following and keys"). */
export interface KeyChange {
  from: string;
  signature: string;
}

/** Beside the key: the last key change, published in the site document so followers move with it. */
const changePath = (keyPath: string) => keyPath.replace(/\.pem$/, '') + '-change.json';

/** What signs the site's JSON Feeds and names its key in `/.well-known/meshline.json`: a SiteIdentity. */
export interface FeedSigner {
  readonly publicKey: string;
  /** Where the key is read from: a full render's second thread signs with the same key. */
  readonly keyPath?: string | undefined;
  /** The previous key's signature over this one, published so followers move with it. */
  readonly keyChange?: { from: string; signature: string } | undefined;
  /** The key private posts for this site are sealed for, and the site key's signature over it. */
  readonly box?: { publicKey: string };
  readonly boxKeySignature?: string;
  sign(text: string): string;
}

export class SiteIdentity implements FeedSigner {
  /** Standard base64 of the raw 32-byte public key, as `/.well-known/meshline.json` publishes it. */
  readonly publicKey: string;
  /** Set after `meshline rotate-key`: the previous key's signature over this one. */
  readonly keyChange: KeyChange | undefined;

  private constructor(
    private readonly key: KeyObject,
    keyChange?: KeyChange,
    /** The file it was read from. */
    readonly keyPath?: string,
  ) {
    const raw = Buffer.from(createPublicKey(key).export({ format: 'jwk' }).x!, 'base64url');
    this.publicKey = raw.toString('base64');
    this.keyChange = keyChange?.from !== this.publicKey ? keyChange : undefined;
  }

  /**
   * Replaces the site's key with a new one, signed over by the old: followers that pinned the old key accept it. The
   * old key is kept beside, as `<name>.old.pem`.
   */
  static rotate(path: string): { before: SiteIdentity; after: SiteIdentity } {
    const before = SiteIdentity.load(path);
    const { privateKey } = generateKeyPairSync('ed25519');
    const fresh = new SiteIdentity(privateKey);
    const change: KeyChange = { from: before.publicKey, signature: before.sign(keyChangeText(fresh.publicKey)) };
    writeFileSync(path.replace(/\.pem$/, '') + '.old.pem', readFileSync(path), { mode: 0o600 });
    writeFileSync(changePath(path), `${JSON.stringify(change)}\n`, { mode: 0o600 });
    writeFileSync(`${path}.tmp`, privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
    return { before, after: SiteIdentity.load(path) };
  }

  private boxKeys: BoxKeys | undefined;

  /** The X25519 key private posts from other sites are sealed for (src/mesh/box.ts), derived from the site key. */
  get box(): BoxKeys {
    return (this.boxKeys ??= deriveBoxKeys(Buffer.from(this.key.export({ format: 'jwk' }).d!, 'base64url')));
  }

  /** The site key's word for the box key, published beside it. */
  get boxKeySignature(): string {
    return this.sign(boxKeyText(this.box.publicKey));
  }

  /** "SHA256:" and the unpadded base64 of the public key's SHA-256, as ssh-keygen shows fingerprints. */
  get fingerprint(): string {
    return fingerprintOf(this.publicKey);
  }

  /** Standard base64 of the Ed25519 signature over the bytes: the same bytes always give the same signature. */
  sign(text: string | Buffer): string {
    return sign(null, typeof text === 'string' ? Buffer.from(text, 'utf8') : text, this.key).toString('base64');
  }

  /** Reads the key (changing nothing: doctor uses this). */
  static read(path: string): SiteIdentity {
    return SiteIdentity.load(path);
  }

  /** Reads the key; makes one, readable by the owner only, when there is none yet. */
  static loadOrCreate(path: string): SiteIdentity {
    if (existsSync(path)) {
      // A key others could read lets them sign as this site: keep it the owner's alone.
      chmodSync(path, 0o600);
      return SiteIdentity.load(path);
    }
    mkdirSync(dirname(path), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    // Written whole under another name, then linked into place: of two processes starting at once, one key wins and
    // neither reads a half-written file.
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, pem, { mode: 0o600 });
    try {
      linkSync(tmp, path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      unlinkSync(tmp);
    }
    return SiteIdentity.load(path);
  }

  static load(path: string): SiteIdentity {
    let key: KeyObject;
    try {
      key = createPrivateKey(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new MeshlineError(`the site key ${path} cannot be read: ${(err as Error).message}`, { cause: err });
    }
    if (key.asymmetricKeyType !== 'ed25519')
      throw new MeshlineError(`the site key ${path} is a ${key.asymmetricKeyType} key, not Ed25519`);
    const change = existsSync(changePath(path))
      ? (JSON.parse(readFileSync(changePath(path), 'utf8')) as KeyChange)
      : undefined;
    return new SiteIdentity(key, change, path);
  }
}

export function fingerprintOf(publicKeyBase64: string): string {
  const digest = createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}
