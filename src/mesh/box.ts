// Private posts between sites (docs/MESH.md, "Private posts"): each site has an X25519 key derived from its Ed25519
// site key, published in its site document and signed by it. A post for another site is sealed with the key the two
// sites agree on (X25519, HKDF-SHA-256 bound to both site keys, AES-256-GCM under a fresh nonce) and signed by the
// sender's site key. Node's crypto only; nothing here is hand-rolled but the framing.
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

/** PKCS #8 framing of a raw X25519 private key (RFC 8410). */
const X25519_PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex');

/** The text the site key signs to vouch for its box key. */
export const boxKeyText = (boxKey: string) => `meshline box key ${boxKey}`;

export interface BoxKeys {
  privateKey: KeyObject;
  /** Standard base64 of the raw 32-byte X25519 public key. */
  publicKey: string;
}

/** The box key is derived from the site key's seed: nothing more to keep safe, and it moves when the site key does. */
export function deriveBoxKeys(siteSeed: Buffer): BoxKeys {
  const seed = Buffer.from(hkdfSync('sha256', siteSeed, Buffer.alloc(0), 'meshline box key v1', 32));
  const privateKey = createPrivateKey({ key: Buffer.concat([X25519_PKCS8, seed]), format: 'der', type: 'pkcs8' });
  const raw = Buffer.from(createPublicKey(privateKey).export({ format: 'jwk' }).x!, 'base64url');
  return { privateKey, publicKey: raw.toString('base64') };
}

function boxPublicKey(b64: string): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(b64, 'base64').toString('base64url') },
    format: 'jwk',
  });
}

/** Who the two ends are: their site keys (Ed25519, base64), which the sealing key is bound to. */
export interface Ends {
  fromSite: string;
  toSite: string;
}

function pairKey(mine: KeyObject, theirBox: string, ends: Ends, salt: Buffer): Buffer {
  const shared = diffieHellman({ privateKey: mine, publicKey: boxPublicKey(theirBox) });
  const info = `meshline private v1 ${ends.fromSite} ${ends.toSite}`;
  return Buffer.from(hkdfSync('sha256', shared, salt, info, 32));
}

export interface Sealed {
  /** base64: 16 random bytes (HKDF salt), 12-byte nonce, ciphertext, 16-byte tag. */
  box: string;
}

export function seal(plain: Buffer, mine: KeyObject, theirBox: string, ends: Ends): Sealed {
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', pairKey(mine, theirBox, ends, salt), nonce);
  cipher.setAAD(Buffer.from(`${ends.fromSite} ${ends.toSite}`));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { box: Buffer.concat([salt, nonce, body, cipher.getAuthTag()]).toString('base64') };
}

/** The plaintext, or undefined when it was not sealed for this pair (or was changed on the way). */
export function open(sealed: Sealed, mine: KeyObject, theirBox: string, ends: Ends): Buffer | undefined {
  const all = Buffer.from(sealed.box, 'base64');
  if (all.length < 16 + 12 + 16) return undefined;
  const salt = all.subarray(0, 16);
  const nonce = all.subarray(16, 28);
  const tag = all.subarray(all.length - 16);
  try {
    const decipher = createDecipheriv('aes-256-gcm', pairKey(mine, theirBox, ends, salt), nonce);
    decipher.setAAD(Buffer.from(`${ends.fromSite} ${ends.toSite}`));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(all.subarray(28, all.length - 16)), decipher.final()]);
  } catch {
    return undefined;
  }
}
