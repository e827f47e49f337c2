// Issue 15: sealing a private post for another site (pure): only that pair opens it, nothing changed on the way is
// accepted, and the box key follows from the site key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { deriveBoxKeys, open, seal } from '../../src/mesh/box.ts';

const site = () => {
  const seed = randomBytes(32);
  return { seed, box: deriveBoxKeys(seed), key: generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x! };
};

test('issue 15: a sealed post opens only for the pair it was sealed for', () => {
  const a = site();
  const b = site();
  const c = site();
  const ends = { fromSite: a.key, toSite: b.key };
  const sealed = seal(Buffer.from('MARKER meet at noon'), a.box.privateKey, b.box.publicKey, ends);
  assert.doesNotMatch(Buffer.from(sealed.box, 'base64').toString('latin1'), /MARKER/);
  assert.equal(open(sealed, b.box.privateKey, a.box.publicKey, ends)?.toString(), 'MARKER meet at noon');
  // Another site, the wrong direction, or the same keys claimed by other sites: nothing.
  assert.equal(open(sealed, c.box.privateKey, a.box.publicKey, ends), undefined);
  assert.equal(open(sealed, b.box.privateKey, a.box.publicKey, { fromSite: c.key, toSite: b.key }), undefined);
  // One bit changed anywhere: refused.
  const bytes = Buffer.from(sealed.box, 'base64');
  for (const at of [0, 20, 30, bytes.length - 1]) {
    const bad = Buffer.from(bytes);
    bad[at]! ^= 1;
    assert.equal(
      open({ box: bad.toString('base64') }, b.box.privateKey, a.box.publicKey, ends),
      undefined,
      `byte ${at}`,
    );
  }
  // Sealing twice gives different boxes (fresh salt and nonce).
  assert.notEqual(
    seal(Buffer.from('x'), a.box.privateKey, b.box.publicKey, ends).box,
    seal(Buffer.from('x'), a.box.privateKey, b.box.publicKey, ends).box,
  );
});

test('issue 15: the box key follows from the site key seed, the same every time', () => {
  const seed = randomBytes(32);
  assert.equal(deriveBoxKeys(seed).publicKey, deriveBoxKeys(Buffer.from(seed)).publicKey);
  assert.notEqual(deriveBoxKeys(seed).publicKey, deriveBoxKeys(randomBytes(32)).publicKey);
  assert.match(deriveBoxKeys(seed).publicKey, /^[A-Za-z0-9+/]{43}=$/);
});
