// The XMPP adapter against Debian's prosody: roster friending, presence as status, group chats, corrections.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { xml } from '@xmpp/client';
import type { Element } from '@xmpp/xml';
import { startProsody } from '../servers/xmpp-server.ts';
import {
  BOT,
  chat,
  friended,
  joinRoom,
  say,
  setStatus,
  subscribed,
  until,
  xmppSite,
  xmppUser,
} from '../servers/xmpp-clients.ts';
import { TINY_PNG, tempDir } from '../helpers.ts';
import { sectionOf } from '../../src/config/index.ts';
import { xmppNetwork } from '../../adapters/xmpp/module.ts';

const server = await startProsody();
after(() => server.stop());

const texts = async (app: Awaited<ReturnType<typeof xmppSite>>['app']) =>
  (await app.store.db.all<{ text: string }>('SELECT text FROM posts ORDER BY id')).map((r) => r.text);

test('XMPP: a subscription is approved, a status posted once across two devices, unsubscribing stops it', async () => {
  const { dir, app, runtime } = await xmppSite(server);
  const phone = await xmppUser(server, 'alice', 'phone');
  const laptop = await xmppUser(server, 'alice', 'laptop');
  try {
    await subscribed(phone);
    assert.ok(
      phone.presences.some((p) => p.attrs.from === BOT && p.attrs.type === 'subscribed'),
      'Meshline approved',
    );
    assert.ok(
      phone.presences.some((p) => p.attrs.from === BOT && p.attrs.type === 'subscribe'),
      'and subscribed back',
    );
    await new Promise((r) => setTimeout(r, 300));
    await setStatus(phone, 'Reading <b>books</b> #books', 'away');
    const page = join(dir, 'output', 'people', 'alice', 'index.html');
    await until(
      'the status on her page',
      () => existsSync(page) && readFileSync(page, 'utf8').includes('Reading &lt;b&gt;books&lt;/b&gt;'),
    );
    await setStatus(laptop, 'Reading <b>books</b> #books', 'away');
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(await texts(app), ['Reading <b>books</b> #books']);
    assert.ok(
      readFileSync(join(dir, 'output', 'people', 'alice', 'atom.xml'), 'utf8').includes(
        '(away): Reading &lt;b&gt;books&lt;/b&gt; #books</title>',
      ),
    );

    await phone.send(xml('presence', { to: BOT, type: 'unsubscribe' }));
    await phone.send(xml('presence', { to: BOT, type: 'unsubscribed' }));
    await until(
      'the opt-out',
      async () => !(await app.store.listPeople()).find((p) => p.handle === 'alice')?.optedIn || undefined,
    );
    await setStatus(phone, 'Nobody should see this');
    await new Promise((r) => setTimeout(r, 500));
    await runtime.clock.idle();
    assert.deepEqual(await texts(app), ['Reading <b>books</b> #books']);
  } finally {
    await phone.stop();
    await laptop.stop();
    await runtime.stop();
  }
});

test('XMPP: room talk of opted-in people is posted, of others not; corrections edit, retractions delete', async () => {
  const room = `friends@${server.muc}`;
  const { dir, app, runtime } = await xmppSite(server, { rooms: [{ jid: room, publish: true, create: true }] });
  const carol = await xmppUser(server, 'carol');
  const dan = await xmppUser(server, 'dan');
  try {
    await until('the room joined', () => /1\/1 rooms joined/.test(runtime.statuses()[0]!.detail) || undefined);
    await subscribed(carol);
    await joinRoom(carol, room);
    await joinRoom(dan, room);
    await say(carol, room, 'hello <script>alert(1)</script>', 'c1');
    await say(dan, room, 'I never opted in', 'd1');
    await say(carol, room, 'a typo hree', 'c2');
    await until('two posts', async () => (await texts(app)).length === 2);
    await say(carol, room, 'a typo here', 'c3', [xml('replace', { xmlns: 'urn:xmpp:message-correct:0', id: 'c2' })]);
    await until('the correction', async () => (await texts(app)).includes('a typo here') || undefined);
    const roomPage = join(dir, 'output', 'rooms', 'friends', 'index.html');
    await until(
      'the edited text on the room page',
      () => /a typo here[\s\S]*edited/.test(readFileSync(roomPage, 'utf8')) || undefined,
    );
    // dan cannot correct or retract carol's message by reusing its id.
    await say(dan, room, 'hijacked', 'd2', [xml('replace', { xmlns: 'urn:xmpp:message-correct:0', id: 'c1' })]);
    await dan.send(
      xml(
        'message',
        { to: room, type: 'groupchat', id: 'd3' },
        xml('retract', { xmlns: 'urn:xmpp:message-retract:1', id: 'c1' }),
      ),
    );
    await carol.send(
      xml(
        'message',
        { to: room, type: 'groupchat', id: 'c4' },
        xml('retract', { xmlns: 'urn:xmpp:message-retract:1', id: 'c2' }),
        xml('body', {}, 'retracted'),
      ),
    );
    await until('the retraction', async () => (await texts(app)).length === 1);
    await new Promise((r) => setTimeout(r, 300));
    await runtime.clock.idle();
    assert.deepEqual(await texts(app), ['hello <script>alert(1)</script>']);
    const page = readFileSync(join(dir, 'output', 'rooms', 'friends', 'index.html'), 'utf8');
    assert.match(page, /hello &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(page, /never opted in|typo|hijacked/);
    assert.deepEqual(
      (await app.store.listPeople()).map((p) => p.handle),
      ['carol'],
    );
  } finally {
    await carol.stop();
    await dan.stop();
    await runtime.stop();
  }
});

test('XMPP: an allow-list refuses strangers; manual approval waits for an admin', async () => {
  const listed = await xmppSite(server, { subscriptions: 'allow-list', allow: ['erin@localhost'] });
  const erin = await xmppUser(server, 'erin');
  const frank = await xmppUser(server, 'frank');
  try {
    await subscribed(erin);
    await frank.send(xml('presence', { to: BOT, type: 'subscribe' }));
    await until("frank's refusal", () =>
      frank.presences.find((p) => p.attrs.from === BOT && p.attrs.type === 'unsubscribed'),
    );
    assert.deepEqual(
      (await listed.app.store.listPeople()).map((p) => p.handle),
      ['erin'],
    );
  } finally {
    await listed.runtime.stop();
  }
  const manual = await xmppSite(server, { subscriptions: 'manual', admins: ['erin@localhost'] });
  try {
    await friended(frank);
    await chat(frank, 'join');
    await until('the question to the admin', () =>
      erin.chats.find((c) => c.startsWith('frank@localhost (frank) asks to join')),
    );
    await until('frank is told he waits', () => frank.chats.find((c) => c.startsWith('Your request to join waits')));
    assert.equal((await manual.app.store.counts()).people, 0, 'nobody is stored before approval');
    await chat(erin, 'approve frank@localhost');
    await until("frank's welcome", () => frank.chats.find((c) => c.startsWith('Welcome')));
    await until('the admin told', () => erin.chats.find((c) => c.startsWith('Approved frank@localhost')));
  } finally {
    await erin.stop();
    await frank.stop();
    await manual.runtime.stop();
  }
});

// Issue 11: the roster was the only gate; a DM `join` walked past `manual` and past the admin's `deny`.
test('XMPP: consent is one path: a stranger who DMs join waits for the admin, deny refuses and revokes', async () => {
  const manual = await xmppSite(server, { subscriptions: 'manual', admins: ['erin@localhost'] });
  const erin = await xmppUser(server, 'erin');
  const mallory = await xmppUser(server, 'mallory');
  try {
    await friended(mallory);
    await chat(mallory, 'join');
    await until('the question to the admin', () =>
      erin.chats.find((c) => c.startsWith('mallory@localhost (mallory) asks to join')),
    );
    await chat(erin, 'deny mallory@localhost');
    await until('mallory told', () => mallory.chats.find((c) => c.includes('has not allowed publishing you')));
    const told = mallory.chats.length;
    await chat(mallory, 'join');
    await until('the refusal', () => mallory.chats.length > told || undefined);
    assert.match(mallory.chats.at(-1)!, /has not allowed publishing you/);
    await setStatus(mallory, 'published after all?', 'away');
    await new Promise((r) => setTimeout(r, 300));
    await manual.runtime.clock.idle();
    assert.equal((await manual.app.store.counts()).posts, 0);
    assert.equal((await manual.app.store.listPeople()).filter((p) => p.optedIn).length, 0);

    // Approved first, then denied: deny revokes.
    await chat(mallory, 'pending');
    await until('the non-admin refused', () => mallory.chats.find((c) => c.startsWith('Only an admin')));
    await chat(erin, 'approve mallory@localhost');
    await until('the admin told', () => erin.chats.find((c) => c.startsWith('Approved mallory@localhost')));
    await chat(mallory, 'join');
    await until('mallory welcomed', () => mallory.chats.find((c) => c.startsWith('Welcome')));
    await chat(erin, 'deny mallory@localhost');
    await until(
      'mallory revoked',
      async () => (await manual.app.store.listPeople()).every((p) => !p.optedIn) || undefined,
    );
  } finally {
    await erin.stop();
    await mallory.stop();
    await manual.runtime.stop();
  }
});

// Issue 11: with the default `subscriptions: anyone`, adding the bot to a roster published a person.
test('XMPP: friending the bot explains and asks for join; nothing is stored before it', async () => {
  const { app, runtime } = await xmppSite(server);
  const nia = await xmppUser(server, 'nia');
  try {
    await friended(nia);
    assert.match(nia.chats[0]!, /If you send "join", your status lines .* appear there publicly/);
    await setStatus(nia, 'not yet', 'away');
    await new Promise((r) => setTimeout(r, 300));
    await runtime.clock.idle();
    assert.equal((await app.store.counts()).people, 0);
    assert.equal((await app.store.counts()).posts, 0);
  } finally {
    await nia.stop();
    await runtime.stop();
  }
});

// XML itself forbids C0 control characters other than tab and newlines, so servers never deliver them; the parser
// strips them anyway (unit-tested). What does arrive: markup, bidi overrides, very long texts.
test('XMPP: hostile text (huge status, bidi overrides, markup) does no harm and is escaped', async () => {
  const { dir, app, runtime } = await xmppSite(server);
  const gil = await xmppUser(server, 'gil');
  try {
    await subscribed(gil);
    await new Promise((r) => setTimeout(r, 300));
    await setStatus(gil, `<img src=x onerror=alert(1)> \u202Egnp.exe ${'x'.repeat(20_000)}`);
    await until('the status', async () => (await texts(app)).length === 1);
    const [text] = await texts(app);
    assert.ok(text!.startsWith('<img src=x onerror=alert(1)>'));
    await runtime.clock.idle();
    const page = readFileSync(join(dir, 'output', 'people', 'gil', 'index.html'), 'utf8');
    assert.match(page, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.equal(runtime.statuses()[0]!.connected, true);
  } finally {
    await gil.stop();
    await runtime.stop();
  }
});

test('XMPP: messages sent to a room while Meshline was stopped are fetched from the archive, once', async () => {
  const room = `archive@${server.muc}`;
  const opts = { rooms: [{ jid: room, publish: true, create: true }] };
  const first = await xmppSite(server, opts);
  const ivy = await xmppUser(server, 'ivy');
  try {
    await subscribed(ivy);
    await joinRoom(ivy, room);
    await say(ivy, room, 'while you listen', 'i1');
    await until('the live post', async () => (await texts(first.app)).length === 1);
    await first.runtime.stop();
    for (let i = 0; i < 3; i++) await say(ivy, room, `missed ${i}`, `m${i}`);
    await new Promise((r) => setTimeout(r, 300));
    const second = await xmppSite(server, opts, first.dir);
    await until('the missed posts', async () => (await texts(second.app)).length === 4, 10_000);
    await say(ivy, room, 'back live', 'i2');
    await until('the next live post', async () => (await texts(second.app)).length === 5);
    await second.runtime.stop();
    const third = await xmppSite(server, opts, first.dir);
    await new Promise((r) => setTimeout(r, 1000));
    await third.runtime.clock.idle();
    assert.deepEqual(await texts(third.app), ['while you listen', 'missed 0', 'missed 1', 'missed 2', 'back live']);
    await third.runtime.stop();
  } finally {
    await ivy.stop();
  }
});

test('doctor reports login, roster size and rooms for each XMPP account, or why not', async () => {
  const { spawnSync } = await import('node:child_process');
  const { writeFileSync } = await import('node:fs');
  await xmppUser(server, 'meshline').then((u) => u.stop());
  const dir = tempDir();
  const account = (name: string, password: string, rooms: unknown[]) => ({
    name,
    jid: BOT,
    password,
    service: `xmpp://127.0.0.1:${server.port}`,
    rooms,
  });
  writeFileSync(
    join(dir, 'meshline.yaml'),
    JSON.stringify({
      preview: { enabled: false },
      xmpp: {
        accounts: [
          account('good', 'meshline-pw', [{ jid: `later@${server.muc}`, create: true }]),
          account('wrong', 'not-the-password', []),
          account('rooms', 'meshline-pw', [{ jid: `nowhere@${server.muc}` }]),
        ],
      },
    }),
  );
  const r = spawnSync(process.execPath, [join(process.cwd(), 'bin/meshline.js'), 'doctor'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, MESHLINE_LOG: 'warn' },
  });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(
    r.stdout,
    new RegExp(
      /ok\s+xmpp:good\s+logged in as meshline@localhost \(TLS\), \d+ contacts; /.source +
        /rooms: later@conference\.localhost will be created/.source,
    ),
  );
  assert.match(r.stdout, /FAIL xmpp:wrong\s+cannot log in as meshline@localhost: .*not-authorized/);
  assert.match(r.stdout, /FAIL xmpp:rooms\s+.*nowhere@conference\.localhost NOT FOUND/);
});

test('XMPP: someone not on the roster who opted in by message gets their room presence posted as status', async () => {
  const room = `lounge@${server.muc}`;
  const { app, runtime } = await xmppSite(server, { rooms: [{ jid: room, publish: true, create: true }] });
  const jon = await xmppUser(server, 'jon');
  try {
    await until('the room joined', () => /1\/1 rooms joined/.test(runtime.statuses()[0]!.detail) || undefined);
    await jon.send(xml('message', { to: BOT, type: 'chat' }, xml('body', {}, 'join')));
    await until("jon's welcome", () => jon.chats.find((c) => c.startsWith('Welcome')));
    await joinRoom(jon, room);
    await jon.send(xml('presence', { to: `${room}/jon` }, xml('show', {}, 'away'), xml('status', {}, 'In the lounge')));
    await until('the status from the room', async () => (await texts(app)).includes('In the lounge') || undefined);
  } finally {
    await jon.stop();
    await runtime.stop();
  }
});

test('XMPP: an out-of-band image is mirrored into the site; too large is a link; a retraction removes it', async () => {
  const { createServer } = await import('node:http');
  const { readdirSync } = await import('node:fs');
  // A PNG, and one padded past the size cap.
  const png = TINY_PNG;
  const http = createServer((req, res) => {
    const body = req.url === '/big.png' ? Buffer.concat([png, Buffer.alloc(8000)]) : png;
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  const room = `gallery@${server.muc}`;
  const { dir, runtime } = await xmppSite(server, { rooms: [{ jid: room, publish: true, create: true }] }, undefined, {
    media: { allowPrivateAddresses: true, maxBytes: 4096 },
  });
  const kit = await xmppUser(server, 'kit');
  const oob = (url: string) => [xml('x', { xmlns: 'jabber:x:oob' }, xml('url', {}, url))];
  try {
    await subscribed(kit);
    await joinRoom(kit, room);
    await say(kit, room, `${base}/cat.png`, 'k1', oob(`${base}/cat.png`));
    await say(kit, room, 'a big one', 'k2', oob(`${base}/big.png`));
    const page = join(dir, 'output', 'rooms', 'gallery', 'index.html');
    await until(
      'the mirrored image on the page',
      () =>
        (existsSync(page) &&
          /<img src="\/media\/\d+-0-[0-9a-f]{16}\.png" alt="cat\.png" width="1" height="1"/.test(
            readFileSync(page, 'utf8'),
          )) ||
        undefined,
      10_000,
    );
    await until(
      'the big one as a link',
      () =>
        readFileSync(page, 'utf8').includes(
          `<a class="file" href="${base}/big.png" rel="nofollow noopener">big.png</a>`,
        ) || undefined,
    );
    const media = readdirSync(join(dir, 'output', 'media'));
    assert.equal(media.length, 1);
    // Issue 17: the room's feeds carry it as an enclosure with its type and size.
    const rss = readFileSync(join(dir, 'output', 'rooms', 'gallery', 'feed.xml'), 'utf8');
    assert.match(rss, new RegExp(`<enclosure url="[^"]+/media/${media[0]}" length="${png.length}" type="image/png"/>`));
    assert.deepEqual(readFileSync(join(dir, 'output', 'media', media[0]!)), png);
    await kit.send(
      xml(
        'message',
        { to: room, type: 'groupchat', id: 'k3' },
        xml('retract', { xmlns: 'urn:xmpp:message-retract:1', id: 'k1' }),
      ),
    );
    // The last file gone, its folder goes too.
    await until('the copy removed with its post', () => !existsSync(join(dir, 'output', 'media')) || undefined);
    await until('the image gone from the page', () => !/<img/.test(readFileSync(page, 'utf8')) || undefined);
  } finally {
    await kit.stop();
    await runtime.stop();
    http.close();
  }
});

test('XMPP: in a room hiding real JIDs, occupants are known by occupant-id across nicks, never published', async () => {
  const room = `hidden@${server.muc}`;
  const lea = await xmppUser(server, 'lea');
  await joinRoom(lea, room);
  await lea.iqCaller.request(
    xml(
      'iq',
      { type: 'set', to: room },
      xml(
        'query',
        { xmlns: 'http://jabber.org/protocol/muc#owner' },
        xml('x', { xmlns: 'jabber:x:data', type: 'submit' }),
      ),
    ),
  );
  const seen: { id: string; result: string }[] = [];
  const { app, runtime } = await xmppSite(
    server,
    { rooms: [{ jid: room, publish: true, policy: 'everyone' }] },
    undefined,
    {},
    {
      outcome: (ev, o) => {
        if (ev.kind === 'message')
          seen.push({ id: ev.sender.id, result: o.result === 'ignored' ? o.reason : o.result });
      },
    },
  );
  try {
    await until('the room joined', () => /1\/1 rooms joined/.test(runtime.statuses()[0]!.detail) || undefined);
    await say(lea, room, 'who am I to you', 'l1');
    await lea.send(xml('presence', { to: `${room}/lea2` }));
    await until('the new nick', () => lea.presences.find((p) => p.attrs.from === `${room}/lea2`));
    await say(lea, room, 'still me', 'l2');
    await until('both messages seen', () => seen.length === 2 || undefined);
    assert.match(seen[0]!.id, new RegExp(`^${room.replace(/\./g, '\\.')}/occupant:.+`));
    assert.equal(seen[1]!.id, seen[0]!.id, 'the same occupant after a nick change');
    assert.deepEqual(
      seen.map((s) => s.result),
      ['no-consent', 'no-consent'],
      'an unverified occupant is never published, even with policy everyone',
    );
    // Issue 12: such messages were dropped silently; now the status (and the log) and doctor say why.
    assert.match(runtime.statuses()[0]!.detail, new RegExp(`hiding who is who: ${room.replace(/\./g, '\\.')}`));
    const { probeXmpp } = await import('../../adapters/xmpp/probe.ts');
    const probe = await probeXmpp(sectionOf(app.config, xmppNetwork).accounts[0]!);
    assert.match(probe.detail, /exists \(semi-anonymous: unless Meshline is a moderator/);
  } finally {
    await lea.stop();
    await runtime.stop();
  }
});

test('XMPP: a mention reaches the mentioned person as a chat message', async () => {
  const { runtime } = await xmppSite(server);
  const mia = await xmppUser(server, 'mia');
  const ned = await xmppUser(server, 'ned');
  try {
    await subscribed(mia);
    await subscribed(ned);
    await new Promise((r) => setTimeout(r, 300));
    await setStatus(mia, 'Coffee with @ned later');
    await until("ned's notice", () =>
      ned.chats.find((c) => c.startsWith('@mia mentioned you: "Coffee with @ned later"')),
    );
  } finally {
    await mia.stop();
    await ned.stop();
    await runtime.stop();
  }
});

// Last in this file: it restarts the shared server.
test('XMPP: prosody restarts, Meshline reconnects, rejoins and keeps posting', async () => {
  const room = `den@${server.muc}`;
  const { app, runtime } = await xmppSite(server, { rooms: [{ jid: room, publish: true, create: true }] });
  let hana = await xmppUser(server, 'hana');
  try {
    await subscribed(hana);
    await joinRoom(hana, room);
    await say(hana, room, 'before the restart', 'h1');
    await until('the first post', async () => (await texts(app)).length === 1);
    await hana.stop();
    await server.restart();
    await until(
      'Meshline back on XMPP',
      () => (runtime.statuses()[0]!.connected && /1\/1 rooms/.test(runtime.statuses()[0]!.detail)) || undefined,
      30_000,
    );
    hana = await xmppUser(server, 'hana');
    await joinRoom(hana, room);
    await say(hana, room, 'after the restart', 'h2');
    await until('the second post', async () => (await texts(app)).length === 2, 10_000);
    assert.deepEqual(await texts(app), ['before the restart', 'after the restart']);
  } finally {
    await hana.stop();
    await runtime.stop();
  }
});

// Issue 12: a room the bot created had no archive cursor until a live message came, so what was said there while
// Meshline was stopped was never fetched.
test('XMPP: a room Meshline created is caught up from its archive after a stop', async () => {
  const room = `fresh@${server.muc}`;
  const dir = tempDir();
  const cfg = { rooms: [{ jid: room, publish: true, create: true }] };
  const first = await xmppSite(server, cfg, dir);
  const ola = await xmppUser(server, 'ola');
  try {
    await until(
      'the room created and joined',
      () => /1\/1 rooms joined/.test(first.runtime.statuses()[0]!.detail) || undefined,
    );
    await subscribed(ola);
    await joinRoom(ola, room);
    await first.runtime.stop();
    await first.app.close();
    await say(ola, room, 'said while Meshline was away', 'o1');
    await new Promise((r) => setTimeout(r, 300));
    const second = await xmppSite(server, cfg, dir);
    try {
      await until(
        'the message from the archive',
        async () =>
          (await second.app.store.db.get<{ n: number }>(
            "SELECT count(*) AS n FROM posts WHERE text = 'said while Meshline was away'",
          ))!.n === 1 || undefined,
        10_000,
      );
    } finally {
      await second.runtime.stop();
    }
  } finally {
    await ola.stop();
  }
});

// Issue 12: laptop sets A, phone sets B later; the phone going offline posted A again, and its return B again.
test('XMPP: a device going offline or coming back does not post an older status again', async () => {
  const { app, runtime } = await xmppSite(server);
  const laptop = await xmppUser(server, 'pia', 'laptop');
  const phone = await xmppUser(server, 'pia', 'phone');
  const texts = async () =>
    (await app.store.db.all<{ text: string }>('SELECT text FROM posts ORDER BY id')).map((r) => r.text);
  try {
    await subscribed(laptop);
    await new Promise((r) => setTimeout(r, 300));
    await setStatus(laptop, 'A: at my desk');
    await until('A posted', async () => (await texts()).length === 1 || undefined);
    await setStatus(phone, 'B: on the bus');
    await until('B posted', async () => (await texts()).length === 2 || undefined);
    await phone.stop();
    await new Promise((r) => setTimeout(r, 700));
    const back = await xmppUser(server, 'pia', 'phone');
    await setStatus(back, 'B: on the bus');
    await new Promise((r) => setTimeout(r, 700));
    await runtime.clock.idle();
    assert.deepEqual(await texts(), ['A: at my desk', 'B: on the bus']);
    await back.stop();
  } finally {
    await laptop.stop();
    await runtime.stop();
  }
});

test('issue 16: an XMPP reaction (XEP-0444) in a room is a vote of the person who sent it', async () => {
  const room = `garden@${server.muc}`;
  const { app, runtime } = await xmppSite(server, { rooms: [{ jid: room, publish: true, create: true }] });
  const quinn = await xmppUser(server, 'quinn');
  const ruth = await xmppUser(server, 'ruth');
  try {
    await until('the room joined', () => /1\/1 rooms joined/.test(runtime.statuses()[0]!.detail) || undefined);
    await subscribed(quinn);
    await subscribed(ruth);
    await joinRoom(quinn, room);
    await joinRoom(ruth, room);
    // Ruth learns the stanza-id the room gave Quinn's message, as his client would, and reacts to it.
    const sid = new Promise<string>((resolve) =>
      ruth.on('stanza', (el: Element) => {
        if (el.is('message') && el.getChildText('body') === 'tomatoes are red') {
          const id = el.getChildren('stanza-id', 'urn:xmpp:sid:0').find((s) => s.attrs.by === room)?.attrs.id;
          if (id) resolve(id);
        }
      }),
    );
    await say(quinn, room, 'tomatoes are red', 'r1');
    await until('the post', async () => (await texts(app)).includes('tomatoes are red') || undefined);
    const reactions = xml('reactions', { xmlns: 'urn:xmpp:reactions:0', id: await sid }, xml('reaction', {}, '👍'));
    await ruth.send(xml('message', { to: room, type: 'groupchat', id: 'react1' }, reactions));
    await until('the vote', async () => (await app.store.db.get('SELECT 1 FROM votes WHERE value = 1')) ?? undefined);
  } finally {
    await quinn.stop();
    await ruth.stop();
    await runtime.stop();
  }
});

test('issue 17: an XMPP vCard photo (XEP-0153) is mirrored onto the person page; none: initials', async () => {
  const { createHash } = await import('node:crypto');
  const { readdirSync } = await import('node:fs');
  const { dir, runtime } = await xmppSite(server);
  const vera = await xmppUser(server, 'vera17');
  const page = join(dir, 'output', 'people', 'vera17', 'index.html');
  const photo = (png: Buffer | null) =>
    xml(
      'x',
      { xmlns: 'vcard-temp:x:update' },
      xml('photo', {}, png ? createHash('sha1').update(png).digest('hex') : ''),
    );
  try {
    await subscribed(vera);
    // Her client stores the photo in her vCard, then says its hash in her presence, as XEP-0153 clients do.
    await vera.iqCaller.request(
      xml(
        'iq',
        { type: 'set' },
        xml(
          'vCard',
          { xmlns: 'vcard-temp' },
          xml('PHOTO', {}, xml('TYPE', {}, 'image/png'), xml('BINVAL', {}, TINY_PNG.toString('base64'))),
        ),
      ),
    );
    await vera.send(xml('presence', {}, xml('status', {}, 'Knitting'), photo(TINY_PNG)));
    const file = await until(
      'her avatar on her page',
      () =>
        existsSync(page)
          ? /<img class="avatar" src="\/avatars\/(\d+-[0-9a-f]{16}\.png)"/.exec(readFileSync(page, 'utf8'))?.[1]
          : undefined,
      15_000,
    );
    assert.deepEqual(readFileSync(join(dir, 'output', 'avatars', file)), TINY_PNG);
    // The same hash again: no vCard fetched, nothing changes. Then no photo: her initials, and the copy goes.
    await vera.send(xml('presence', {}, xml('status', {}, 'Still knitting'), photo(TINY_PNG)));
    await vera.send(xml('presence', {}, xml('status', {}, 'Done'), photo(null)));
    await until(
      'initials again',
      () =>
        /<svg class="avatar"/.test(readFileSync(page, 'utf8')) && !readdirSync(join(dir, 'output')).includes('avatars')
          ? true
          : undefined,
      15_000,
    );
  } finally {
    await vera.stop();
    await runtime.stop();
  }
});

test('issue 17: an XMPP reply (XEP-0461) in a room answers the post by its stanza-id; its quote dropped', async () => {
  const room = `replies17@${server.muc}`;
  const { app, runtime } = await xmppSite(server, { rooms: [{ jid: room, publish: true, create: true }] });
  const rita = await xmppUser(server, 'rita17');
  const sam = await xmppUser(server, 'sam17');
  try {
    await until('the room joined', () => /1\/1 rooms joined/.test(runtime.statuses()[0]!.detail) || undefined);
    await subscribed(rita);
    await subscribed(sam);
    await joinRoom(rita, room);
    await joinRoom(sam, room);
    // Sam's client learns the id the room gave Rita's message, as it would to reply to it.
    const sid = new Promise<string>((resolve) =>
      sam.on('stanza', (el: Element) => {
        if (el.is('message') && el.getChildText('body') === 'peas or beans?')
          resolve(el.getChild('stanza-id', 'urn:xmpp:sid:0')?.attrs.id as string);
      }),
    );
    await say(rita, room, 'peas or beans?', 'r1');
    const id = await sid;
    assert.ok(id, 'the room gives stanza-ids');
    await until('her post', async () => (await texts(app)).includes('peas or beans?') || undefined);
    const quote = '> rita17: peas or beans?\n';
    await say(sam, room, `${quote}beans, always`, 's1', [
      xml('reply', { xmlns: 'urn:xmpp:reply:0', to: `${room}/rita17`, id }),
      xml(
        'fallback',
        { xmlns: 'urn:xmpp:fallback:0', for: 'urn:xmpp:reply:0' },
        xml('body', { start: '0', end: String(Array.from(quote).length) }),
      ),
    ]);
    const reply = await until(
      'his reply, linked',
      async () =>
        (await app.store.db.get<{ text: string; reply_to: number | null }>(
          'SELECT text, reply_to FROM posts WHERE reply_to IS NOT NULL',
        )) ?? undefined,
    );
    const parent = (await app.store.db.get<{ id: number }>("SELECT id FROM posts WHERE text = 'peas or beans?'"))!.id;
    assert.deepEqual({ ...reply }, { text: 'beans, always', reply_to: parent });
  } finally {
    await rita.stop();
    await sam.stop();
    await runtime.stop();
  }
});
