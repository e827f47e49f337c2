// Issue 17: avatars as networks give them: XMPP presence hashes and vCard photos, Matrix membership avatar_url, and
// data: addresses read as images only of the kinds Meshline mirrors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Parser, type Element } from '@xmpp/xml';
import { photoHash, vcardPhoto } from '../../adapters/xmpp/avatar.ts';
import { parseProfile, type MatrixContext } from '../../adapters/matrix/parse.ts';
import { dataImage } from '../../src/app/avatars.ts';

function el(s: string): Element {
  let out: Element | undefined;
  const p = new Parser();
  p.on('element', (e) => (out = e));
  p.write(`<stream:stream xmlns="jabber:client" xmlns:stream="http://etherx.jabber.org/streams">${s}`);
  return out!;
}

test('photoHash: the hash a presence announces, empty for none, undefined when it says nothing', () => {
  const cases: [string, string | undefined][] = [
    ['<presence><x xmlns="vcard-temp:x:update"><photo>ABC123</photo></x></presence>', 'abc123'],
    ['<presence><x xmlns="vcard-temp:x:update"><photo/></x></presence>', ''],
    ['<presence><x xmlns="vcard-temp:x:update"/></presence>', undefined],
    ['<presence><status>hi</status></presence>', undefined],
  ];
  for (const [xmlText, want] of cases) assert.equal(photoHash(el(xmlText)), want, xmlText);
});

test('vcardPhoto: a BINVAL photo with its type as a data: address; anything else none', () => {
  const v = (inner: string) => el(`<vCard xmlns="vcard-temp">${inner}</vCard>`);
  assert.equal(
    vcardPhoto(v('<PHOTO><TYPE>image/png</TYPE><BINVAL>iVBO\nRw0=</BINVAL></PHOTO>')),
    'data:image/png;base64,iVBORw0=',
  );
  assert.equal(vcardPhoto(v('<PHOTO><EXTVAL>http://x/a.png</EXTVAL></PHOTO>')), undefined);
  assert.equal(vcardPhoto(v('<PHOTO><TYPE>text/html"x</TYPE><BINVAL>AAAA</BINVAL></PHOTO>')), undefined);
  assert.equal(vcardPhoto(v('<FN>Vera</FN>')), undefined);
  assert.equal(vcardPhoto(undefined), undefined);
});

test('dataImage: only images of kinds Meshline mirrors, within the size limit', () => {
  assert.deepEqual(dataImage('data:image/png;base64,AAEC', 100), { bytes: Buffer.from([0, 1, 2]), ext: 'png' });
  assert.throws(() => dataImage('data:image/svg+xml;base64,PHN2Zz4=', 100), /does not copy/);
  assert.throws(() => dataImage('data:image/png;base64,AAECAwQFBgcICQ==', 4), /over media\.maxBytes/);
  assert.throws(() => dataImage('data:text/plain,hello', 100), /not a base64/);
});

test("parseProfile: a joined member's own avatar_url, none when it names none; others' membership is nothing", () => {
  const ctx: MatrixContext = {
    network: 'matrix',
    account: '@bot:hs',
    isDirect: () => false,
    roomKey: () => undefined,
    displayName: (u) => u,
    mediaUrl: (mxc) => (mxc.startsWith('mxc://hs/') ? `https://hs/media/${mxc.slice(9)}` : undefined),
    mediaAccess: 'matrix',
  };
  const avatar = (c: Record<string, unknown>) => {
    const ev = parseProfile('@ann:hs', c, ctx, 5);
    return ev && ev.kind === 'profile' ? ev.avatar : 'nothing';
  };
  assert.deepEqual(avatar({ membership: 'join', avatar_url: 'mxc://hs/abc' }), {
    url: 'https://hs/media/abc',
    access: 'matrix',
  });
  assert.equal(avatar({ membership: 'join' }), null);
  assert.equal(avatar({ membership: 'leave', avatar_url: 'mxc://hs/abc' }), 'nothing');
  assert.equal(avatar({ membership: 'join', avatar_url: 'https://elsewhere/a.png' }), 'nothing');
  assert.equal(parseProfile('@bot:hs', { membership: 'join' }, ctx), null);
});
