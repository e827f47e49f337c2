// A private site (docs/PRIVATE.md): every file that leaves Meshline is sealed with a key from the group's passphrase
// (PBKDF2-SHA-256, a random salt per site, AES-256-GCM with a fresh nonce per file). A page becomes a small shell that
// asks for the passphrase and opens it in the browser (templates/assets/unlock.js); any other file is the sealed bytes.
// Only the shells, the style sheet, the unlock script and robots.txt are in clear.
import { createCipheriv, createDecipheriv, createHash, pbkdf2, pbkdf2Sync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CAPABILITY_FILE, FAVICON_PATH } from '../core/paths.ts';

/** "MLP1", salt (16), rounds (4, big-endian), nonce (12), then ciphertext and the 16-byte tag. */
const MAGIC = Buffer.from('MLP1');

export interface PrivateKeyFile {
  salt: string;
  iterations: number;
  /** SHA-256 of passphrase, salt and rounds: says whether the kept key is this passphrase's without deriving it. */
  check: string;
  key: string;
}

/** Where a private site's derived key is kept: beside the database, which holds every page in clear anyway. */
export function privateKeyPath(storePath: string): string {
  return join(dirname(storePath), 'private-site.json');
}

const checkOf = (passphrase: string, salt: string, iterations: number) =>
  createHash('sha256').update(`${iterations}\0${salt}\0${passphrase}`).digest('base64');

/**
 * The site's key: kept beside the database (owner-only, as the database itself holds every page in clear), derived
 * again with a fresh salt when the passphrase or the rounds change, which re-seals every file.
 */
export function siteKey(path: string, passphrase: string, iterations: number): SiteSealKey {
  if (existsSync(path)) {
    const kept = JSON.parse(readFileSync(path, 'utf8')) as PrivateKeyFile;
    if (kept.iterations === iterations && kept.check === checkOf(passphrase, kept.salt, iterations))
      return new SiteSealKey(Buffer.from(kept.key, 'base64'), Buffer.from(kept.salt, 'base64'), iterations);
  }
  const salt = randomBytes(16);
  const key = pbkdf2Sync(passphrase, salt, iterations, 32, 'sha256');
  const file: PrivateKeyFile = {
    salt: salt.toString('base64'),
    iterations,
    check: checkOf(passphrase, salt.toString('base64'), iterations),
    key: key.toString('base64'),
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(file)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return new SiteSealKey(key, salt, iterations);
}

export class SiteSealKey {
  /** Names the key in the manifest's hashes: a new key makes every file new, so all are sealed and sent again. */
  readonly id: string;

  constructor(
    readonly key: Buffer,
    readonly salt: Buffer,
    readonly iterations: number,
  ) {
    this.id = createHash('sha256').update(key).digest('hex').slice(0, 12);
  }

  /** The key addresses are hashed with (src/core/paths.ts maskNames): apart from the sealing key. */
  get namesKey(): Buffer {
    return createHash('sha256').update('meshline names\0').update(this.key).digest();
  }

  seal(plain: Buffer): Buffer {
    const nonce = randomBytes(12);
    const rounds = Buffer.alloc(4);
    rounds.writeUInt32BE(this.iterations);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return Buffer.concat([MAGIC, this.salt, rounds, nonce, body]);
  }
}

/** What the site writer seals with: the key's id (mixed into the manifest's hashes) and how each path is sealed. */
export interface Sealer {
  readonly id: string;
  apply(path: string, content: string | Buffer): string | Buffer;
}

export function sealerFor(key: SiteSealKey, assets: { css: string; script: string }): Sealer {
  return {
    id: key.id,
    apply: (path, content) => {
      if (staysClear(path)) return content;
      const sealed = key.seal(typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
      return path.endsWith('.html') ? shell(sealed, assets) : sealed;
    },
  };
}

/** A key as plain data, for a worker thread. */
export interface SealKeyData {
  key: string;
  salt: string;
  iterations: number;
}

export const sealKeyData = (k: SiteSealKey): SealKeyData => ({
  key: k.key.toString('base64'),
  salt: k.salt.toString('base64'),
  iterations: k.iterations,
});

export const sealKeyOf = (d: SealKeyData) =>
  new SiteSealKey(Buffer.from(d.key, 'base64'), Buffer.from(d.salt, 'base64'), d.iterations);

/**
 * Opens files another private site of the same group sealed (its own salt, the group's passphrase): the key for each
 * salt is derived once (PBKDF2 on the thread pool), then kept. Undefined: not sealed with this passphrase.
 */
export function groupOpener(passphrase: string): (bytes: Buffer) => Promise<Buffer | undefined> {
  const keys = new Map<string, Promise<Buffer>>();
  return async (bytes) => {
    if (bytes.length < 36 + 16 || !isSealed(bytes)) return undefined;
    const salt = bytes.subarray(4, 20);
    const rounds = bytes.readUInt32BE(20);
    if (rounds < 100_000 || rounds > 10_000_000) return undefined;
    const id = `${salt.toString('base64')}/${rounds}`;
    let key = keys.get(id);
    if (!key) {
      key = new Promise((resolve, reject) =>
        pbkdf2(passphrase, salt, rounds, 32, 'sha256', (err, k) => (err ? reject(err) : resolve(k))),
      );
      keys.set(id, key);
    }
    try {
      const d = createDecipheriv('aes-256-gcm', await key, bytes.subarray(24, 36));
      d.setAuthTag(bytes.subarray(bytes.length - 16));
      return Buffer.concat([d.update(bytes.subarray(36, bytes.length - 16)), d.final()]);
    } catch {
      return undefined;
    }
  };
}

export function isSealed(bytes: Buffer): boolean {
  return bytes.subarray(0, 4).equals(MAGIC);
}

/** Files that stay in clear: what a reader needs before the passphrase, and nothing of the group's. */
export function staysClear(path: string): boolean {
  // The inbox holds copies sealed for their sites already, under random names.
  const clear =
    path === 'robots.txt' || path === FAVICON_PATH || path.startsWith('inbox/') || CAPABILITY_FILE.test(path);
  return clear || /^assets\/[^/]+\.(css|js)$/.test(path);
}

export const ROBOTS = 'User-agent: *\nDisallow: /\n';

/** The page a reader gets at every page's address: it asks for the passphrase and opens the sealed page in place. */
export function shell(sealed: Buffer, assets: { css: string; script: string }): string {
  const b64 = sealed.toString('base64').replace(/.{1,120}/g, '$&\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>Private</title>
<link rel="stylesheet" href="${assets.css}">
</head>
<body>
<main id="main" class="private-shell">
<h1>Private</h1>
<noscript><p>This site is private: its pages are encrypted, and reading them needs JavaScript and the group's
passphrase.</p></noscript>
<form id="unlock" hidden>
<label for="passphrase">Passphrase</label>
<input id="passphrase" type="password" autocomplete="current-password" required>
<button type="submit">Open</button>
</form>
<p id="status" role="alert"></p>
</main>
<script type="application/octet-stream" id="sealed">
${b64}</script>
<script src="${assets.script}"></script>
</body>
</html>
`;
}
