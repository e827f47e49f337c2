// Mirroring's guard: a chat message must not make the bot fetch from the operator's own network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fetchMedia, isPrivateAddress } from '../../src/app/media';
import { parseConfig } from '../../src/config';

test('private, loopback and link-local addresses are recognised', () => {
  const cases: [string, boolean][] = [
    ['127.0.0.1', true], ['10.1.2.3', true], ['172.16.0.1', true], ['172.32.0.1', false], ['192.168.1.1', true],
    ['169.254.169.254', true], ['100.64.0.1', true], ['0.0.0.0', true], ['93.184.216.34', false], ['8.8.8.8', false],
    ['::1', true], ['fd00::1', true], ['fe80::1', true], ['::ffff:127.0.0.1', true], ['2606:2800:220:1::1', false],
  ];
  for (const [ip, priv] of cases) assert.equal(isPrivateAddress(ip), priv, ip);
});

test('fetching refuses private addresses and non-web schemes before any request', async () => {
  const media = parseConfig({}, {}).media;
  await assert.rejects(fetchMedia('http://127.0.0.1:1/a.png', media), /private address \(media\.allowPrivateAddresses is off\)/);
  await assert.rejects(fetchMedia('http://localhost:1/a.png', media), /private address/);
  await assert.rejects(fetchMedia('http://[::1]:1/a.png', media), /private address/);
  await assert.rejects(fetchMedia('file:///etc/passwd', media), /not a web address/);
});
