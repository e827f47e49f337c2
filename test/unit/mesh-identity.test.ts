// Issue 14: the site's key and what it signs. Key files in a temp folder; the rest is pure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprintOf, SiteIdentity, siteKeyPath } from '../../src/mesh/identity.ts';
import { wellKnown } from '../../src/render/wellknown.ts';
import { tempDir } from '../helpers.ts';

const publicKeyObject = (b64: string) =>
  createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(b64, 'base64').toString('base64url') },
    format: 'jwk',
  });

test('issue 14: the key is made once, kept beside the database, readable by the owner only', () => {
  const dir = tempDir();
  const path = siteKeyPath(join(dir, 'data', 'meshline.db'));
  assert.equal(path, join(dir, 'data', 'site-key.pem'));
  const a = SiteIdentity.loadOrCreate(path);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  const b = SiteIdentity.loadOrCreate(path);
  assert.equal(b.publicKey, a.publicKey, 'the same key on the next start');
  assert.equal(Buffer.from(a.publicKey, 'base64').length, 32);
  assert.match(a.fingerprint, /^SHA256:[A-Za-z0-9+/]{43}$/);
  chmodSync(path, 0o644);
  SiteIdentity.loadOrCreate(path);
  assert.equal(statSync(path).mode & 0o777, 0o600, 'a key others could read is closed again');
});

test('issue 14: signatures are deterministic Ed25519 over the exact bytes', () => {
  const id = SiteIdentity.loadOrCreate(join(tempDir(), 'site-key.pem'));
  const feed = '{"version":"https://jsonfeed.org/version/1.1","items":[{"content_text":"ünïcode ✓"}]}\n';
  const sig = id.sign(feed);
  assert.equal(id.sign(feed), sig, 'the same bytes, the same signature');
  assert.equal(Buffer.from(sig, 'base64').length, 64);
  const key = publicKeyObject(id.publicKey);
  assert.ok(verify(null, Buffer.from(feed), key, Buffer.from(sig, 'base64')));
  const tampered = Buffer.from(feed);
  tampered[20] = tampered[20]! ^ 1;
  assert.equal(verify(null, tampered, key, Buffer.from(sig, 'base64')), false);
});

test('issue 14: a key file that is not an Ed25519 key is refused with its path', () => {
  const dir = tempDir();
  const rsa = join(dir, 'rsa.pem');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  writeFileSync(rsa, privateKey.export({ format: 'pem', type: 'pkcs8' }));
  assert.throws(() => SiteIdentity.read(rsa), /rsa\.pem is a rsa key, not Ed25519/);
  const junk = join(dir, 'junk.pem');
  writeFileSync(junk, 'not a key');
  assert.throws(() => SiteIdentity.read(junk), /junk\.pem cannot be read/);
});

test('fingerprints: SHA-256 of the raw key, unpadded base64', () => {
  const cases: [string, string][] = [
    [Buffer.alloc(32).toString('base64'), 'SHA256:Zmh6rfhivXdsj8GLjp+OIAiXFIVu4jOzkCpZHQ1fKSU'],
  ];
  for (const [key, want] of cases) assert.equal(fingerprintOf(key), want);
});

test('issue 14: /.well-known/meshline.json names the key, the feeds and the people, the same bytes each time', () => {
  const site = {
    title: 'Our "site" </script>',
    url: (p: string) => `https://status.example.org/${p}`,
    publicKey: 'AAAA',
  };
  const people = [
    { handle: 'alice', name: 'Alice <b>' },
    { handle: '田中', name: '田中花子' },
  ];
  const text = wellKnown(site, people);
  assert.equal(wellKnown(site, people), text);
  const doc = JSON.parse(text);
  assert.equal(doc.meshline, 1);
  assert.equal(doc.name, 'Our "site" </script>');
  assert.equal(doc.url, 'https://status.example.org/');
  assert.equal(doc.publicKey, 'AAAA');
  assert.deepEqual(doc.feeds, {
    json: 'https://status.example.org/feed.json',
    signature: 'https://status.example.org/feed.json.sig',
    atom: 'https://status.example.org/atom.xml',
    rss: 'https://status.example.org/feed.xml',
  });
  assert.deepEqual(
    doc.people.map((p: { handle: string; page: string }) => [p.handle, p.page]),
    [
      ['alice', 'https://status.example.org/people/alice/'],
      ['田中', 'https://status.example.org/people/田中/'],
    ],
  );
  assert.equal(doc.people[0].feeds.signature, 'https://status.example.org/people/alice/feed.json.sig');
});
