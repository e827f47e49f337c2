// The Matrix adapter through matrix-bot-sdk, unchanged, against the test homeserver in test/servers/matrix/.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHomeserver } from '../servers/matrix/homeserver.ts';
import { TINY_PNG } from '../helpers.ts';
import { BOT, doctorIn, matrixPerson, matrixSite, optedIn, until } from '../servers/matrix/clients.ts';

const server = await startHomeserver();
after(() => server.stop());

/** The one room's page (room slugs come from random room ids). */
const roomPage = (dir: string) => {
  const rooms = join(dir, 'output', 'rooms');
  const slug = existsSync(rooms) ? readdirSync(rooms).find((f) => f !== 'index.html') : undefined;
  return slug ? join(rooms, slug, 'index.html') : join(rooms, 'none');
};

const texts = async (app: Awaited<ReturnType<typeof matrixSite>>['app']) =>
  (await app.store.db.all<{ text: string }>('SELECT text FROM posts ORDER BY id')).map((r) => r.text);

test('Matrix: DM invite, "join" opt-in, status_msg, opted-in room talk, edits, redactions, reactions', async () => {
  const alice = await matrixPerson(server, 'alice', 'Alice');
  const bob = await matrixPerson(server, 'bob', 'Bob');
  const carol = await matrixPerson(server, 'carol', 'Carol');
  const roomId = await alice.createRoom({ invite: [BOT, bob.mxid, carol.mxid], name: 'Friends' });
  const { dir, app, runtime } = await matrixSite(server, { rooms: [{ id: roomId, publish: true }] });
  try {
    await bob.joinRoom(roomId);
    await carol.joinRoom(roomId);
    await optedIn(server, alice);
    await optedIn(server, bob);
    await alice.setPresenceStatus('online', 'Reading <b>books</b> #books');
    const page = join(dir, 'output', 'people', 'alice', 'index.html');
    await until(
      'the status on her page',
      () => (existsSync(page) && readFileSync(page, 'utf8').includes('Reading &lt;b&gt;books&lt;/b&gt;')) || undefined,
    );

    const first = await alice.sendMessage(roomId, {
      msgtype: 'm.text',
      body: 'hello <script>alert(1)</script>',
      format: 'org.matrix.custom.html',
      formatted_body: '<script>alert(1)</script>',
    });
    await carol.sendText(roomId, 'I never opted in');
    const typo = await alice.sendText(roomId, 'a typo hree');
    await until('two posts', async () => (await texts(app)).length === 3 || undefined);
    await alice.sendMessage(roomId, {
      msgtype: 'm.text',
      body: '* a typo here',
      'm.new_content': { msgtype: 'm.text', body: 'a typo here' },
      'm.relates_to': { rel_type: 'm.replace', event_id: typo },
    });
    await until('the edit', async () => (await texts(app)).includes('a typo here') || undefined);
    await bob.sendEvent(roomId, 'm.reaction', {
      'm.relates_to': { rel_type: 'm.annotation', event_id: first, key: '👍' },
    });
    // Bob opted in: his 👍 is his vote on the post (issue 16), one per person whatever network.
    await until(
      'the reaction as a vote',
      async () =>
        ((await app.store.db.get<{ n: number }>('SELECT count(*) AS n FROM votes WHERE value = 1'))?.n ?? 0) === 1 ||
        undefined,
    );
    await alice.redactEvent(roomId, typo);
    await until('the redaction', async () => !(await texts(app)).includes('a typo here') || undefined);
    await runtime.clock.idle();
    assert.deepEqual(await texts(app), ['Reading <b>books</b> #books', 'hello <script>alert(1)</script>']);
    const room = readFileSync(roomPage(dir), 'utf8');
    assert.match(room, /hello &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(room, /never opted in/);
  } finally {
    alice.stop();
    bob.stop();
    carol.stop();
    await runtime.stop();
  }
});

test('Matrix: disallowed or encrypted-room invites declined with reason; allowed/configured rooms joined', async () => {
  const eve = await matrixPerson(server, 'eve');
  const configured = await eve.createRoom({ name: 'Configured' });
  const { runtime } = await matrixSite(server, {
    invites: 'allow-list',
    allow: ['@dora:localhost', '#club:localhost'],
    rooms: [configured],
  });
  const dora = await matrixPerson(server, 'dora');
  try {
    const club = await eve.createRoom({
      invite: [BOT],
      initial_state: [{ type: 'm.room.canonical_alias', state_key: '', content: { alias: '#club:localhost' } }],
    });
    await until(
      'the allowed room joined, whoever invited',
      () => server.hs.rooms.get(club)!.members.get(BOT) === 'join' || undefined,
    );
    await eve.inviteUser(BOT, configured);
    await until(
      'the configured room joined',
      () => server.hs.rooms.get(configured)!.members.get(BOT) === 'join' || undefined,
    );
    const ok = await dora.createRoom({ invite: [BOT], is_direct: true });
    const no = await eve.createRoom({ invite: [BOT], is_direct: true });
    const secret = await dora.createRoom({
      invite: [BOT],
      initial_state: [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }],
    });
    await until('the allowed invite joined', () => server.hs.rooms.get(ok)!.members.get(BOT) === 'join' || undefined);
    const reason = (room: string) =>
      [...server.hs.rooms.get(room)!.events]
        .reverse()
        .find((e) => e.event.type === 'm.room.member' && e.event.state_key === BOT)?.event.content;
    await until('the stranger declined', () => reason(no)?.membership === 'leave' || undefined);
    assert.match(String(reason(no)!.reason), /only joins rooms of the people its operator allows/);
    await until('the encrypted room declined', () => reason(secret)?.membership === 'leave' || undefined);
    assert.match(String(reason(secret)!.reason), /cannot read end-to-end encrypted rooms/);
    assert.equal(runtime.statuses()[0]!.connected, true);
  } finally {
    dora.stop();
    eve.stop();
    await runtime.stop();
  }
});

test('Matrix: a restart resumes from the saved sync token: nothing missed, nothing twice', async () => {
  const fay = await matrixPerson(server, 'fay');
  const roomId = await fay.createRoom({ invite: [BOT] });
  const first = await matrixSite(server, { rooms: [{ id: roomId, publish: true }] });
  await optedIn(server, fay);
  await fay.sendText(roomId, 'one');
  await until('the first post', async () => (await texts(first.app)).length === 1 || undefined);
  await first.runtime.stop();
  await fay.sendText(roomId, 'two, while Meshline was stopped');
  const second = await matrixSite(server, { rooms: [{ id: roomId, publish: true }] }, first.dir);
  try {
    await until('the missed post', async () => (await texts(second.app)).length === 2 || undefined);
    await fay.sendText(roomId, 'three');
    await until('the third post', async () => (await texts(second.app)).length === 3 || undefined);
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(await texts(second.app), ['one', 'two, while Meshline was stopped', 'three']);
  } finally {
    fay.stop();
    await second.runtime.stop();
  }
});

test('Matrix: M_LIMIT_EXCEEDED is waited out for as long as the server asks, then the call goes through', async () => {
  const { MatrixClient, MemoryStorageProvider } = await import('matrix-bot-sdk');
  const { matrixCall } = await import('../../adapters/matrix/index.ts');
  const gus = server.hs.addUser('gus');
  const client = new MatrixClient(server.url, gus.token, new MemoryStorageProvider());
  const roomId = await client.createRoom();
  server.rateLimit(2, 250, gus.id);
  const started = Date.now();
  const eventId = await matrixCall('send', () => client.sendNotice(roomId, 'after the wait'));
  assert.ok(Date.now() - started >= 500, `waited ${Date.now() - started} ms`);
  assert.equal(
    server.hs.rooms.get(roomId)!.events.find((e) => e.event.event_id === eventId)!.event.content.body,
    'after the wait',
  );
});

test('Matrix: status_msg polled without /sync presence; images, safe files mirrored; huge bodies capped', async () => {
  server.hs.presenceInSync = false;
  server.hs.authenticatedMedia = false; // a homeserver from before Matrix 1.11: media for anyone
  const hal = await matrixPerson(server, 'hal');
  const roomId = await hal.createRoom({ invite: [BOT] });
  const { dir, app, runtime } = await matrixSite(server, {
    rooms: [{ id: roomId, publish: true }],
    presencePollSeconds: 5,
  });
  try {
    await optedIn(server, hal);
    await hal.setPresenceStatus('unavailable', 'Polled status');
    await until('the polled status', async () => (await texts(app)).includes('Polled status') || undefined, 15_000);

    const png = TINY_PNG;
    const mxc = await hal.uploadContent(png, 'image/png', 'cat.png');
    await hal.sendMessage(roomId, {
      msgtype: 'm.image',
      body: 'cat.png',
      url: mxc,
      info: { mimetype: 'image/png', size: png.length },
    });
    await hal.sendText(roomId, `huge ${'y'.repeat(100_000)}`);
    await until(
      'the mirrored image',
      () =>
        (existsSync(roomPage(dir)) &&
          /<img src="\/media\/\d+-0-[0-9a-f]{16}\.png" alt="cat\.png"/.test(readFileSync(roomPage(dir), 'utf8'))) ||
        undefined,
      10_000,
    );
    await until('the huge post', async () => (await texts(app)).some((t) => t.startsWith('huge')) || undefined);
    // Files: a PDF is copied; an HTML file is not (it would run on the site's origin), so it stays a link.
    const pdf = await hal.uploadContent(Buffer.from('%PDF-1.4 tiny'), 'application/pdf', 'notes.pdf');
    const html = await hal.uploadContent(Buffer.from('<script>alert(1)</script>'), 'text/html', 'page.html');
    await hal.sendMessage(roomId, { msgtype: 'm.file', body: 'notes.pdf', url: pdf });
    await hal.sendMessage(roomId, { msgtype: 'm.file', body: 'page.html', url: html });
    await until(
      'the copied PDF',
      () =>
        /<a class="file" href="\/media\/\d+-0-[0-9a-f]{16}\.pdf" rel="nofollow noopener">notes\.pdf<\/a>/.test(
          readFileSync(roomPage(dir), 'utf8'),
        ) || undefined,
      10_000,
    );
    const htmlFileLink = new RegExp(
      /<a class="file" href="http:\/\/127\.0\.0\.1:\d+\/_matrix\/media\/v3\/download\/localhost\/m\d+" /.source +
        /rel="nofollow noopener">page\.html<\/a>/.source,
    );
    await until('the HTML file as a link', () => htmlFileLink.test(readFileSync(roomPage(dir), 'utf8')) || undefined);
    const huge = (await texts(app)).find((t) => t.startsWith('huge'))!;
    assert.ok(huge.length < 100_000, `stored ${huge.length} characters`);
  } finally {
    server.hs.presenceInSync = true;
    server.hs.authenticatedMedia = true;
    hal.stop();
    await runtime.stop();
  }
});

test("Matrix: a pill mention reaches the person's DM; doctor reports login, rooms and presence support", async () => {
  const ivy = await matrixPerson(server, 'ivy');
  const jay = await matrixPerson(server, 'jay');
  const roomId = await ivy.createRoom({ invite: [BOT, jay.mxid] });
  const { dir, runtime } = await matrixSite(server, { rooms: [{ id: roomId, publish: true }] });
  try {
    await jay.joinRoom(roomId);
    await optedIn(server, ivy);
    await optedIn(server, jay);
    await ivy.sendMessage(roomId, {
      msgtype: 'm.text',
      body: 'Jay: lunch?',
      format: 'org.matrix.custom.html',
      formatted_body: `<a href="https://matrix.to/#/${jay.mxid}">Jay</a>: lunch?`,
      'm.mentions': { user_ids: [jay.mxid] },
    });
    await until("jay's notice", () => jay.notices.find((n) => n.startsWith('@ivy mentioned you: "Jay: lunch?"')));
  } finally {
    ivy.stop();
    jay.stop();
    await runtime.stop();
  }
  const { writeFileSync } = await import('node:fs');
  const bot = server.hs.users.get(BOT)!;
  const doctor = () => doctorIn(dir);
  const account = (token: string) => ({ name: 'matrix', homeserver: server.url, accessToken: token });
  writeFileSync(
    join(dir, 'meshline.yaml'),
    JSON.stringify({
      preview: { enabled: false },
      store: { path: 'doctor.db' },
      matrix: { accounts: [account(bot.token)] },
    }),
  );
  const good = await doctor();
  assert.equal(good.status, 0, good.stdout);
  assert.match(
    good.stdout,
    new RegExp(
      /ok\s+matrix:matrix\s+logged in as @meshline:localhost, \d+ joined rooms, presence on, /.source +
        /no end-to-end encryption \(native library not installed: encrypted rooms declined\)/.source,
    ),
  );
  server.hs.presenceEnabled = false;
  try {
    assert.match((await doctor()).stdout, /presence DISABLED on this homeserver/);
  } finally {
    server.hs.presenceEnabled = true;
  }
  writeFileSync(
    join(dir, 'meshline.yaml'),
    JSON.stringify({
      preview: { enabled: false },
      store: { path: 'doctor.db' },
      matrix: { accounts: [{ ...account(bot.token), encryption: 'required' }] },
    }),
  );
  const noCrypto = await doctor();
  assert.equal(noCrypto.status, 1);
  assert.match(
    noCrypto.stdout,
    new RegExp(
      /FAIL matrix:matrix\s+logged in as @meshline:localhost, /.source +
        /but encryption is required and end-to-end encryption is unavailable/.source,
    ),
  );
  writeFileSync(
    join(dir, 'meshline.yaml'),
    JSON.stringify({
      preview: { enabled: false },
      store: { path: 'doctor.db' },
      matrix: { accounts: [account('wrong')] },
    }),
  );
  const bad = await doctor();
  assert.equal(bad.status, 1);
  assert.match(
    bad.stdout,
    /FAIL matrix:matrix\s+http:\/\/127\.0\.0\.1:\d+ refused the access token \(M_UNKNOWN_TOKEN\)/,
  );
});

test('Matrix: a reply keeps its thread: it links to the post it answers; the link goes with that post', async () => {
  const kim = await matrixPerson(server, 'kim');
  const roomId = await kim.createRoom({ invite: [BOT] });
  const { dir, app, runtime } = await matrixSite(server, { rooms: [{ id: roomId, publish: true }] });
  try {
    await optedIn(server, kim);
    const question = await kim.sendText(roomId, 'Who is up for a walk?');
    await kim.sendMessage(roomId, {
      msgtype: 'm.text',
      body: '> <@kim:localhost> Who is up for a walk?\n\nMe, at six',
      'm.relates_to': { 'm.in_reply_to': { event_id: question } },
    });
    await until('both posts', async () => (await texts(app)).length === 2 || undefined);
    await runtime.clock.idle();
    const parent = (await app.store.db.get<{ id: number; slug: string }>(
      "SELECT id, slug FROM posts WHERE text LIKE 'Who%'",
    ))!;
    const reply = (await app.store.db.get<{ id: number; slug: string; reply_to: number }>(
      "SELECT id, slug, reply_to FROM posts WHERE text = 'Me, at six'",
    ))!;
    assert.equal(reply.reply_to, parent.id);
    const permalink = join(dir, 'output', 'posts', `${reply.id}-${reply.slug}.html`);
    await until(
      'the reply link',
      () =>
        readFileSync(permalink, 'utf8').includes(
          `in reply to <a href="/posts/${parent.id}-${parent.slug}.html">@kim</a>`,
        ) || undefined,
    );
    await kim.redactEvent(roomId, question);
    await until(
      'the link gone with its post',
      () => !readFileSync(permalink, 'utf8').includes('in reply to') || undefined,
    );
  } finally {
    kim.stop();
    await runtime.stop();
  }
});

test('Matrix: authenticated media is fetched with the account, mirrored, never linked; without it, waits', async () => {
  const kim = await matrixPerson(server, 'kim');
  const roomId = await kim.createRoom({ invite: [BOT] });
  const { dir, app, runtime } = await matrixSite(server, { rooms: [{ id: roomId, publish: true }] });
  try {
    await optedIn(server, kim);
    const png = TINY_PNG;
    const mxc = await kim.uploadContent(png, 'image/png', 'dog.png');
    const [, mediaId] = /^mxc:\/\/localhost\/(.+)$/.exec(mxc)!;
    assert.equal(
      (await fetch(`${server.url}/_matrix/media/v3/download/localhost/${mediaId}`)).status,
      404,
      'no unauthenticated download',
    );
    assert.equal(
      (await fetch(`${server.url}/_matrix/client/v1/media/download/localhost/${mediaId}`)).status,
      401,
      'the new path wants an account',
    );
    await kim.sendMessage(roomId, { msgtype: 'm.image', body: 'dog.png', url: mxc, info: { mimetype: 'image/png' } });
    const html = await kim.uploadContent(Buffer.from('<script>alert(1)</script>'), 'text/html', 'page.html');
    await kim.sendMessage(roomId, { msgtype: 'm.file', body: 'page.html', url: html });
    const img = await until(
      'the mirrored image',
      () =>
        (existsSync(roomPage(dir)) &&
          /<img src="\/(media\/\d+-0-[0-9a-f]{16}\.png)" alt="dog\.png"/.exec(
            readFileSync(roomPage(dir), 'utf8'),
          )?.[1]) ||
        undefined,
      10_000,
    );
    assert.deepEqual(readFileSync(join(dir, 'output', img)), png);
    await until(
      'the HTML file by name only',
      () => /<span class="file">page\.html<\/span>/.test(readFileSync(roomPage(dir), 'utf8')) || undefined,
      10_000,
    );
    assert.doesNotMatch(
      readFileSync(roomPage(dir), 'utf8'),
      /_matrix\/(client|media)/,
      'no address a reader could not open',
    );
    // The page shows the HTML file by name while it waits too: wait until both files are settled.
    await until(
      'both attachments settled',
      async () => (await app.store.pendingAttachments(20, ['matrix'])).length === 0 || undefined,
      10_000,
    );
  } finally {
    kim.stop();
    await runtime.stop();
  }
  // A render without the running bot (the CLI) has no account to fetch with: the attachment waits for the next run.
  const row = await app.store.db.get<{ post_id: number }>(
    "SELECT post_id FROM attachments WHERE access = 'matrix' LIMIT 1",
  );
  await app.store.db.run("UPDATE attachments SET state = 'pending', path = NULL WHERE post_id = ?", [row!.post_id]);
  assert.deepEqual(await app.store.pendingAttachments(20), [], 'not offered without the account');
  assert.equal((await app.store.pendingAttachments(20, ['matrix'])).length, 1);
});

test('issue 17: a Matrix avatar is mirrored onto the person page, replaced by a new one; none: initials', async () => {
  const ava = await matrixPerson(server, 'ava');
  const { dir, app, runtime } = await matrixSite(server, {});
  const page = join(dir, 'output', 'people', 'ava', 'index.html');
  const avatars = () => (existsSync(join(dir, 'output', 'avatars')) ? readdirSync(join(dir, 'output', 'avatars')) : []);
  try {
    await optedIn(server, ava);
    await ava.setPresenceStatus('online', 'Painting');
    await until('her page', () => existsSync(page) || undefined, 15_000);
    assert.match(readFileSync(page, 'utf8'), /<svg class="avatar"/);
    await ava.setAvatarUrl(await ava.uploadContent(TINY_PNG, 'image/png', 'ava.png'));
    const first = await until(
      'her avatar on her page',
      () => /<img class="avatar" src="\/avatars\/(\d+-[0-9a-f]{16}\.png)"/.exec(readFileSync(page, 'utf8'))?.[1],
      15_000,
    );
    assert.deepEqual(readFileSync(join(dir, 'output', 'avatars', first)), TINY_PNG);
    // Fetched with the bot's account (the homeserver serves media to accounts only), never linked.
    assert.doesNotMatch(readFileSync(page, 'utf8'), /_matrix\/media/);
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    await ava.setAvatarUrl(await ava.uploadContent(gif, 'image/gif', 'ava.gif'));
    await until(
      'the new one, and the old one gone',
      () => (avatars().length === 1 && avatars()[0]!.endsWith('.gif') ? true : undefined),
      15_000,
    );
    await ava.setAvatarUrl('');
    await until(
      'initials again, no copy left',
      () => (/<svg class="avatar"/.test(readFileSync(page, 'utf8')) && avatars().length === 0 ? true : undefined),
      15_000,
    );
    const row = await app.store.db.get<{ avatar: string | null }>("SELECT avatar FROM people WHERE handle = 'ava'");
    assert.equal(row?.avatar, null);
  } finally {
    ava.stop();
    await runtime.stop();
  }
});
