// Mirroring's guard: a chat message must not make the bot fetch from the operator's own network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fetchMedia, isPrivateAddress } from '../../src/app/media.ts';
import { parseConfig } from '../../src/config/index.ts';

test('private, loopback and link-local addresses are recognised', () => {
  const cases: [string, boolean][] = [
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['93.184.216.34', false],
    ['8.8.8.8', false],
    ['::1', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:c0a8:101', true],
    ['::ffff:8.8.8.8', false],
    ['fe90::1', true],
    ['febf::1', true],
    ['fec0::1', false],
    ['2606:2800:220:1::1', false],
  ];
  for (const [ip, priv] of cases) assert.equal(isPrivateAddress(ip), priv, ip);
});

test('fetching refuses private addresses and non-web schemes before any request', async () => {
  const media = parseConfig({}, {}).media;
  await assert.rejects(
    fetchMedia('http://127.0.0.1:1/a.png', media),
    /private address \(media\.allowPrivateAddresses is off\)/,
  );
  await assert.rejects(fetchMedia('http://localhost:1/a.png', media), /private address/);
  await assert.rejects(fetchMedia('http://[::1]:1/a.png', media), /private address/);
  await assert.rejects(fetchMedia('file:///etc/passwd', media), /not a web address/);
});

test('encrypted media: decrypted when the hash matches, refused when it or the key is wrong', async () => {
  const { createCipheriv, createHash, randomBytes } = await import('node:crypto');
  const { decryptMedia } = await import('../../src/app/media.ts');
  const key = randomBytes(32);
  const iv = Buffer.concat([randomBytes(8), Buffer.alloc(8)]);
  const plain = Buffer.from('\x89PNG\r\n\x1a\n a picture');
  const c = createCipheriv('aes-256-ctr', key, iv);
  const cipher = Buffer.concat([c.update(plain), c.final()]);
  const good = {
    algorithm: 'aes-256-ctr' as const,
    key: key.toString('base64url'),
    iv: iv.toString('base64').replace(/=+$/, ''),
    sha256: createHash('sha256').update(cipher).digest('base64').replace(/=+$/, ''),
    type: 'image/png',
  };
  const cases: [string, Buffer, typeof good, Buffer | RegExp][] = [
    ['decrypts', cipher, good, plain],
    ['padded hash accepted', cipher, { ...good, sha256: `${good.sha256}=` }, plain],
    [
      'tampered ciphertext',
      Buffer.concat([cipher.subarray(0, -1), Buffer.from([cipher.at(-1)! ^ 1])]),
      good,
      /does not match its hash/,
    ],
    ['short key', cipher, { ...good, key: 'c2hvcnQ' }, /malformed key or iv/],
  ];
  for (const [name, bytes, enc, want] of cases) {
    if (want instanceof RegExp) assert.throws(() => decryptMedia(bytes, enc), want, name);
    else assert.deepEqual(decryptMedia(bytes, enc), want, name);
  }
});

test("media access: a network's headers go only to addresses under the prefix it granted", async () => {
  const { MediaAccess } = await import('../../src/app/media.ts');
  const access = new MediaAccess();
  access.grant('matrix', 'https://hs.example/_matrix/client/v1/media/download/', { authorization: 'Bearer t' });
  const cases: [string | undefined, string, Record<string, string> | undefined][] = [
    ['matrix', 'https://hs.example/_matrix/client/v1/media/download/hs.example/abc', { authorization: 'Bearer t' }],
    ['matrix', 'https://evil.example/_matrix/client/v1/media/download/hs.example/abc', undefined],
    ['matrix', 'https://hs.example.evil.example/_matrix/client/v1/media/download/x/y', undefined],
    ['xmpp', 'https://hs.example/_matrix/client/v1/media/download/hs.example/abc', undefined],
    [undefined, 'https://hs.example/_matrix/client/v1/media/download/hs.example/abc', undefined],
  ];
  for (const [network, url, want] of cases)
    assert.deepEqual(access.headersFor(network, url), want, `${network} ${url}`);
  assert.deepEqual(access.networks(), ['matrix']);
});
