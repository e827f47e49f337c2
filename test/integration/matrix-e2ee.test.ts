// Matrix end-to-end encryption through Meshline's real path: the account's crypto store, matrix-bot-sdk's own
// CryptoClient (unchanged) encrypting and decrypting, and the test homeserver passing keys and to-device messages.
// The native binding cannot be installed here, so the same Rust crypto crate runs as WebAssembly behind it
// (test/servers/matrix/crypto-wasm.cjs), handed over the way an operator hands over the native library.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

process.env.MESHLINE_MATRIX_CRYPTO = resolve(import.meta.dirname, '../servers/matrix/crypto-wasm.cjs');
const { startHomeserver } = await import('../servers/matrix/homeserver.ts');
const { BOT, doctorIn, matrixPerson, matrixSite, until } = await import('../servers/matrix/clients.ts');
const { cryptoSupport } = await import('../../adapters/matrix/crypto.ts');
const { TINY_PNG, tempDir } = await import('../helpers.ts');

const server = await startHomeserver();
after(() => server.stop());

const ENCRYPTED = [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }];
const texts = async (app: Awaited<ReturnType<typeof matrixSite>>['app']) =>
  (await app.store.db.all<{ text: string }>('SELECT text FROM posts ORDER BY id')).map((r) => r.text);
const wire = (roomId: string, sender: string) =>
  server.hs.rooms
    .get(roomId)!
    .events.map((e) => e.event)
    .filter((e) => e.sender === sender && !('state_key' in e));

test('Matrix encryption: encrypted DMs, rooms joined, read (text, edits, images) and answered encrypted', async () => {
  assert.equal(cryptoSupport().available, true);
  const alice = await matrixPerson(server, 'alice', 'Alice', true);
  const roomId = await alice.createRoom({ name: 'Secret friends', initial_state: ENCRYPTED, invite: [BOT] });
  const { dir, app, runtime } = await matrixSite(server, { rooms: [{ id: roomId, publish: true }] });
  try {
    const dm = await alice.createRoom({
      invite: [BOT],
      is_direct: true,
      preset: 'trusted_private_chat',
      initial_state: ENCRYPTED,
    });
    await until('the bot in the encrypted DM', () => server.hs.rooms.get(dm)?.members.get(BOT) === 'join' || undefined);
    await alice.sendText(dm, 'join');
    await until('the welcome, decrypted by Alice', () => alice.notices.find((n) => n.startsWith('Welcome')));
    assert.ok(
      wire(dm, BOT).length > 0 && wire(dm, BOT).every((e) => e.type === 'm.room.encrypted'),
      'the bot answers encrypted',
    );

    const typo = await alice.sendText(roomId, 'meet at the <b>usual</b> place, 8pm');
    await until('the post, decrypted', async () => (await texts(app)).length === 1 || undefined);
    await alice.sendMessage(roomId, {
      msgtype: 'm.text',
      body: '* meet at the usual place, 9pm',
      'm.new_content': { msgtype: 'm.text', body: 'meet at the usual place, 9pm' },
      'm.relates_to': { rel_type: 'm.replace', event_id: typo },
    });
    await until('the edit', async () => (await texts(app)).includes('meet at the usual place, 9pm') || undefined);
    assert.deepEqual(await texts(app), ['meet at the usual place, 9pm']);
    assert.ok(
      wire(roomId, alice.mxid).every(
        (e) => e.type === 'm.room.encrypted' && !JSON.stringify(e.content).includes('usual'),
      ),
      'the homeserver saw ciphertext only',
    );

    // Media in an encrypted room is encrypted too: fetched as ciphertext, checked, decrypted, mirrored.
    const png = TINY_PNG;
    const sealed = await alice.crypto.encryptMedia(png);
    assert.notDeepEqual(sealed.buffer, png);
    const mxc = await alice.uploadContent(sealed.buffer, 'application/octet-stream', 'map.png');
    await alice.sendMessage(roomId, {
      msgtype: 'm.image',
      body: 'map.png',
      info: { mimetype: 'image/png', size: png.length },
      file: { ...sealed.file, url: mxc },
    });
    const sealedPdf = await alice.crypto.encryptMedia(Buffer.from('%PDF-1.4 tiny'));
    const tampered = Buffer.from(sealedPdf.buffer);
    tampered[0]! ^= 1;
    const pdfMxc = await alice.uploadContent(tampered, 'application/octet-stream', 'plan.pdf');
    await alice.sendMessage(roomId, {
      msgtype: 'm.file',
      body: 'plan.pdf',
      info: { mimetype: 'application/pdf' },
      file: { ...sealedPdf.file, url: pdfMxc },
    });
    const rooms = join(dir, 'output', 'rooms');
    const page = () =>
      readdirSync(rooms)
        .map((f) => join(rooms, f, 'index.html'))
        .find((f) => existsSync(f))!;
    const img = await until(
      'the decrypted image on the room page',
      () => /<img src="\/(media\/\d+-0-[0-9a-f]{16}\.png)" alt="map\.png"/.exec(readFileSync(page(), 'utf8'))?.[1],
      10_000,
    );
    assert.deepEqual(readFileSync(join(dir, 'output', img)), png);
    await until(
      'the tampered file shown by name only',
      () => /<span class="file">plan\.pdf<\/span>/.test(readFileSync(page(), 'utf8')) || undefined,
      10_000,
    );
    assert.doesNotMatch(readFileSync(page(), 'utf8'), /_matrix\/media/, 'no link to ciphertext');
    await runtime.clock.idle();
    assert.match(readFileSync(page(), 'utf8'), /meet at the usual place, 9pm/);
  } finally {
    alice.stop();
    await runtime.stop();
  }
});

test('Matrix encryption: a restart keeps the device and its keys, so what was sent while stopped is read', async () => {
  // A bot account of its own: the shared one's device already has keys from another test's store.
  const bot = server.hs.addUser('meshline-restart');
  const cal = await matrixPerson(server, 'cal', 'Cal', true);
  const roomId = await cal.createRoom({ initial_state: ENCRYPTED, invite: [bot.id] });
  const site = { accessToken: bot.token, rooms: [{ id: roomId, publish: true, policy: 'everyone' }] };
  try {
    const first = await matrixSite(server, site);
    try {
      await cal.sendText(roomId, 'before the restart');
      await until('the first post', async () => (await texts(first.app)).length === 1 || undefined);
    } finally {
      await first.runtime.stop();
    }
    await cal.sendText(roomId, 'while Meshline was stopped');
    const second = await matrixSite(server, site, first.dir);
    try {
      await until('the missed post, decrypted', async () => (await texts(second.app)).length === 2 || undefined);
      await cal.sendText(roomId, 'after the restart');
      await until('the third post', async () => (await texts(second.app)).length === 3 || undefined);
      assert.deepEqual(await texts(second.app), [
        'before the restart',
        'while Meshline was stopped',
        'after the restart',
      ]);
      assert.deepEqual([...server.hs.keys.deviceKeys.get(bot.id)!.keys()], [bot.deviceId], 'still one device');
    } finally {
      await second.runtime.stop();
    }
  } finally {
    cal.stop();
  }
});

test('Matrix encryption: encryption "off" declines encrypted invites even with the library present', async () => {
  const bea = await matrixPerson(server, 'bea', 'Bea', true);
  const { runtime } = await matrixSite(server, { encryption: 'off' });
  try {
    const secret = await bea.createRoom({ invite: [BOT], initial_state: ENCRYPTED });
    const last = () =>
      [...server.hs.rooms.get(secret)!.events]
        .reverse()
        .find((e) => e.event.type === 'm.room.member' && e.event.state_key === BOT)?.event.content;
    await until('the encrypted room declined', () => last()?.membership === 'leave' || undefined);
    assert.match(String(last()!.reason), /cannot read end-to-end encrypted rooms/);
  } finally {
    bea.stop();
    await runtime.stop();
  }
});

test('Matrix encryption: doctor says end-to-end encryption is available when the library is', async () => {
  const { writeFileSync } = await import('node:fs');
  const dir = tempDir();
  const bot = server.hs.users.get(BOT)!;
  writeFileSync(
    join(dir, 'meshline.yaml'),
    JSON.stringify({
      preview: { enabled: false },
      store: { path: 'doctor.db' },
      matrix: {
        accounts: [{ name: 'matrix', homeserver: server.url, accessToken: bot.token, encryption: 'required' }],
      },
    }),
  );
  const out = await doctorIn(dir);
  assert.equal(out.status, 0, out.stdout);
  assert.match(
    out.stdout,
    new RegExp(
      /ok\s+matrix:matrix\s+logged in as @meshline:localhost, /.source +
        /\d+ joined rooms, presence on, end-to-end encryption available/.source,
    ),
  );
});

test("Matrix encryption: a crypto store not the device's says so plainly, instead of failing on keys", async () => {
  const { MatrixAdapter } = await import('../../adapters/matrix/index.ts');
  const bot = server.hs.users.get(BOT)!;
  assert.ok(server.hs.keys.deviceKeys.get(BOT)?.has(bot.deviceId), 'the device set up its keys in an earlier test');
  const adapter = new MatrixAdapter({
    name: 'matrix',
    homeserver: server.url,
    accessToken: bot.token,
    invites: 'anyone',
    allow: [],
    rooms: [],
    presencePollSeconds: 120,
    encryption: 'auto',
    cryptoDir: join(tempDir(), 'another-store'),
  });
  const state = new Map<string, string>();
  const sink = {
    emit: async () => undefined,
    loadState: async (k: string) => state.get(k),
    saveState: async (k: string, v: string) => void state.set(k, v),
    every: () => () => undefined,
    grantMediaAccess: () => undefined,
    watched: async () => [],
  };
  try {
    await assert.rejects(
      adapter.start(sink),
      new RegExp(
        /matrix: the homeserver holds other encryption keys for device MESHLINEDEVICE, /.source +
          /so .*another-store is not the store it was set up with: /.source +
          /point matrix\.accounts\[\]\.cryptoDir at that store, or give Meshline a new access token/.source,
      ),
    );
  } finally {
    await adapter.stop();
  }
});
