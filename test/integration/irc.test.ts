// The IRC adapter against Debian's inspircd: friending by DM, AWAY as status, channel talk, consent.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startInspircd } from '../servers/irc-servers.ts';
import { ircSite, optedIn, person, until } from '../servers/irc-clients.ts';
import { tempDir } from '../helpers.ts';

const server = await startInspircd();
after(() => server.stop());

test('IRC: 1,000 channel messages sent quickly are all stored, once; hostile lines do no harm', async () => {
  const { dir, app, runtime } = await ircSite(server);
  const carol = await optedIn(server, 'carol');
  try {
    for (let i = 0; i < 1000; i++) carol.say('#friends', `message number ${i}`);
    await until('1,000 posts', async () => (await app.store.counts()).posts >= 1000, 30_000);
    carol.raw('PRIVMSG', '#friends', '\x01VERSION\x01');
    carol.raw('PRIVMSG', 'meshline', '\x01PING 123\x01');
    carol.raw('PRIVMSG', '#friends', '\x0304,01colour\x0f \x02<img src=x onerror=alert(1)>\x02 \u202Eevil');
    carol.raw('PRIVMSG', '#friends', 'x'.repeat(600));
    await until('the hostile posts', async () => (await app.store.counts()).posts >= 1002, 10_000);
    await new Promise((r) => setTimeout(r, 500));
    await runtime.clock.idle();
    const texts = (await app.store.db.all<{ text: string }>('SELECT text FROM posts ORDER BY id')).map((r) => r.text);
    assert.equal(texts.length, 1002);
    assert.equal(new Set(texts.slice(0, 1000)).size, 1000);
    assert.equal(texts[1000], 'colour <img src=x onerror=alert(1)> evil');
    assert.ok(
      texts[1001]!.length > 400 && /^x+$/.test(texts[1001]!),
      'a long line is stored as the server delivered it',
    );
    const room = readFileSync(join(dir, 'output', 'rooms', 'friends', 'index.html'), 'utf8');
    assert.match(room, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.equal(runtime.statuses()[0]!.connected, true);
  } finally {
    carol.quit();
    await runtime.stop();
  }
});

test('IRC: opt in by DM, AWAY becomes a status post, channel talk of opted-in people only', async () => {
  const { dir, app, runtime } = await ircSite(server);
  const bob = await person(server, 'bob');
  bob.join('#friends');
  const alice = await optedIn(server, 'alice');
  try {
    assert.ok(alice.notices[0]!.startsWith('Welcome, @alice'));

    alice.raw('AWAY', 'Out for lunch #food');
    const page = join(dir, 'output', 'people', 'alice', 'index.html');
    await until(
      'the status on her page',
      () => existsSync(page) && readFileSync(page, 'utf8').includes('Out for lunch'),
    );
    alice.raw('AWAY');
    alice.say('#friends', 'hello <script>alert(1)</script>');
    bob.say('#friends', 'I never opted in');
    await until('the channel post', async () => (await app.store.counts()).posts === 2);
    await new Promise((r) => setTimeout(r, 500));
    await runtime.clock.idle();
    const texts = (
      await app.store.db.all<{ text: string; kind: string }>('SELECT kind, text FROM posts ORDER BY id')
    ).map((r) => `${r.kind}: ${r.text}`);
    assert.deepEqual(texts, ['status: Out for lunch #food', 'message: hello <script>alert(1)</script>']);
    assert.deepEqual(
      (await app.store.listPeople()).map((p) => p.handle),
      ['alice'],
    );
    const room = readFileSync(join(dir, 'output', 'rooms', 'friends', 'index.html'), 'utf8');
    assert.match(room, /hello &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(room, /I never opted in/);
  } finally {
    alice.quit();
    bob.quit();
    await runtime.stop();
  }
});

test('IRC: a channel operator turns publishing of the channel on; others cannot', async () => {
  const frank = await person(server, 'frank');
  frank.join('#den'); // first in: the server makes frank its operator
  await new Promise((r) => setTimeout(r, 300));
  const { app, runtime } = await ircSite(server, { channels: [{ name: '#friends', publish: true }, '#den'] });
  const gina = await optedIn(server, 'gina');
  gina.join('#den');
  frank.say('meshline', 'join');
  await until("frank's welcome", () => frank.notices.find((n) => n.startsWith('Welcome')));
  try {
    frank.say('#den', 'not yet published');
    gina.say('meshline', 'publish #den on');
    await until('the refusal', () => gina.notices.find((n) => n.startsWith('Only an operator of #den')));
    frank.say('meshline', 'publish #den on');
    await until('the confirmation', () => frank.notices.find((n) => n.startsWith('#den is now published')));
    frank.say('#den', 'now it is');
    await until('the post', async () => (await app.store.counts()).posts === 1);
    const texts = (await app.store.db.all<{ text: string }>('SELECT text FROM posts')).map((r) => r.text);
    assert.deepEqual(texts, ['now it is']);
  } finally {
    frank.quit();
    gina.quit();
    await runtime.stop();
  }
});

test('IRC: a nick without a services account cannot opt in unless the network allows it', async () => {
  const { app, runtime } = await ircSite(server, { allowUnverified: false });
  const hal = await person(server, 'hal');
  try {
    hal.say('meshline', 'join');
    await until('the refusal', () => hal.notices.find((n) => n.includes('not verified')));
    assert.equal((await app.store.counts()).people, 0);
  } finally {
    hal.quit();
    await runtime.stop();
  }
});

test('IRC: a taken nick falls back to the next configured one', async () => {
  const squatter = await person(server, 'meshline');
  const { runtime } = await ircSite(server, { altNicks: ['meshline2'] });
  const ivy = await person(server, 'ivy');
  try {
    assert.match(runtime.statuses()[0]!.detail, /as meshline2$/);
    const replies: string[] = [];
    ivy.on('notice', (e: { nick: string; message: string }) => {
      if (e.nick === 'meshline2') replies.push(e.message);
    });
    ivy.say('meshline2', 'help');
    await until('the help reply', () => replies.find((r) => r.startsWith('Commands:')));
  } finally {
    squatter.quit();
    ivy.quit();
    await runtime.stop();
  }
});

test('doctor reports each IRC network: reachable and its capabilities, or why not', async () => {
  const dir = tempDir();
  const { freePort } = await import('../servers/irc-servers.ts');
  const closed = await freePort();
  const { writeFileSync } = await import('node:fs');
  const { spawnSync } = await import('node:child_process');
  writeFileSync(
    join(dir, 'meshline.yaml'),
    'preview:\n  enabled: false\nirc:\n  networks:\n' +
      `    - { name: up, host: 127.0.0.1, port: ${server.port}, tls: false, nick: meshline }\n` +
      `    - { name: down, host: 127.0.0.1, port: ${closed}, tls: false, nick: meshline }\n`,
  );
  const r = spawnSync(process.execPath, [join(process.cwd(), 'bin/meshline.js'), 'doctor'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, MESHLINE_LOG: 'warn' },
  });
  assert.equal(r.status, 1, r.stderr);
  assert.match(
    r.stdout,
    new RegExp(
      /ok\s+irc:up\s+reachable, capabilities: /.source +
        /away-notify, account-notify, extended-join, account-tag, server-time, message-tags/.source,
    ),
  );
  assert.match(r.stdout, new RegExp(`FAIL irc:down\\s+cannot connect to 127\\.0\\.0\\.1:${closed}`));
});

test('IRC over TLS: the certificate is verified, against a CA given with NODE_EXTRA_CA_CERTS', async () => {
  const dir = tempDir();
  const { writeFileSync } = await import('node:fs');
  const { spawnSync } = await import('node:child_process');
  writeFileSync(
    join(dir, 'meshline.yaml'),
    'preview:\n  enabled: false\nirc:\n  networks:\n' +
      `    - { name: secure, host: 127.0.0.1, port: ${server.tlsPort}, tls: true, nick: meshline }\n`,
  );
  const doctor = (env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, [join(process.cwd(), 'bin/meshline.js'), 'doctor'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...env, MESHLINE_LOG: 'warn' },
    });
  const { NODE_EXTRA_CA_CERTS: _, ...plain } = process.env;
  assert.match(doctor(plain).stdout, /FAIL irc:secure\s+cannot connect to 127\.0\.0\.1:\d+ \(TLS\)/);
  assert.match(
    doctor({ ...plain, NODE_EXTRA_CA_CERTS: server.caFile }).stdout,
    /ok\s+irc:secure\s+reachable, capabilities: away-notify/,
  );
});

test('IRC: someone away before Meshline arrives is read with WHO and WHOIS; someone here is not posted', async () => {
  const first = await ircSite(server);
  const kim = await optedIn(server, 'kim');
  const lee = await optedIn(server, 'lee');
  await first.runtime.stop();
  kim.raw('AWAY', 'Away since before you came');
  await new Promise((r) => setTimeout(r, 300));
  const { app, runtime } = await ircSite(server, {}, first.dir);
  try {
    await until('the status read on arrival', async () => (await app.store.counts()).posts === 1);
    await new Promise((r) => setTimeout(r, 500));
    const texts = (await app.store.db.all<{ text: string }>('SELECT text FROM posts ORDER BY id')).map((r) => r.text);
    assert.deepEqual(texts, ['Away since before you came']);
  } finally {
    kim.quit();
    lee.quit();
    await runtime.stop();
  }
});

// Last in this file: it restarts the shared server.
test('IRC: the server restarts, Meshline reconnects and keeps posting, nothing twice', async () => {
  const { app, runtime } = await ircSite(server);
  let dave = await optedIn(server, 'dave');
  try {
    dave.raw('AWAY', 'Before the restart');
    await until('the first status', async () => (await app.store.counts()).posts === 1);
    await server.restart();
    await until('Meshline back on IRC', () => runtime.statuses()[0]!.connected, 20_000);
    dave = await person(server, 'dave');
    dave.join('#friends');
    await new Promise((r) => setTimeout(r, 500));
    dave.raw('AWAY', 'After the restart');
    dave.say('#friends', 'still here');
    await until('two more posts', async () => (await app.store.counts()).posts === 3, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    const texts = (await app.store.db.all<{ text: string }>('SELECT text FROM posts ORDER BY id')).map((r) => r.text);
    assert.deepEqual(texts, ['Before the restart', 'After the restart', 'still here']);
  } finally {
    dave.quit();
    await runtime.stop();
  }
});

// Issue 12: `alice: hi` is how IRC addresses someone; it reaches her as a mention notice.
test('IRC: a line starting with a nick and a colon mentions that person', async () => {
  const { runtime } = await ircSite(server);
  const alice = await optedIn(server, 'alice');
  const bob = await optedIn(server, 'bob');
  try {
    await new Promise((r) => setTimeout(r, 300));
    bob.say('#friends', 'alice: lunch at noon?');
    const notice = await until('the mention notice', () =>
      alice.notices.find((n) => n.startsWith('@bob mentioned you')),
    );
    assert.match(notice, /"alice: lunch at noon\?"/);
    bob.say('#friends', 'Note: nobody is addressed here');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(alice.notices.filter((n) => n.includes('mentioned you')).length, 1);
  } finally {
    alice.quit();
    bob.quit();
    await runtime.stop();
  }
});

// Issue 12: replies were split twice (ours at 400 bytes, then irc-framework's at 350), leaving stray fragments.
test("IRC: a long reply is split once, at word boundaries, within the server's line", async () => {
  const { helpText } = await import('../../src/core/commands.ts');
  const { splitForIrc } = await import('../../adapters/irc/formatting.ts');
  const { runtime } = await ircSite(server);
  const dora = await optedIn(server, 'dora');
  try {
    const before = dora.notices.length;
    dora.say('meshline', 'help');
    const want = splitForIrc(helpText(), 400);
    await until('the whole help', () => dora.notices.length >= before + want.length || undefined);
    await new Promise((r) => setTimeout(r, 300));
    const got = dora.notices.slice(before);
    assert.deepEqual(got, want, 'exactly our lines, none split again');
    assert.ok(want.length > 1 && want.every((l) => Buffer.byteLength(l) <= 400));
  } finally {
    dora.quit();
    await runtime.stop();
  }
});

// Issue 12: someone who opted in by DM but shares no channel with the bot never had their AWAY seen.
test("IRC: an opted-in person in none of the bot's channels is watched: their away is posted", async () => {
  const { app, runtime } = await ircSite(server, { whoisPollSeconds: 1 });
  const eli = await person(server, 'eli');
  try {
    eli.say('meshline', 'join');
    await until("eli's welcome", () => eli.notices.find((n) => n.startsWith('Welcome')));
    eli.raw('AWAY', 'Hiking, back on Monday');
    const posted = await until(
      'the away posted',
      async () => (await app.store.db.get<{ text: string }>('SELECT text FROM posts'))?.text,
      10_000,
    );
    assert.equal(posted, 'Hiking, back on Monday');
  } finally {
    eli.quit();
    await runtime.stop();
  }
});

test('issue 16: an IRCv3 reaction (+draft/react on TAGMSG) is a vote; star works by IRC direct message', async () => {
  const { dir, app, runtime } = await ircSite(server);
  const alice = await optedIn(server, 'alice');
  const bob = await optedIn(server, 'bob');
  try {
    const id = await msgidSeen(bob, alice, '#friends', 'beans are up');
    await until('the post', async () => (await app.store.counts()).posts >= 1);
    bob.tagmsg('#friends', { '+draft/react': '👍', '+draft/reply': id });
    await until('the vote', async () => (await app.store.db.get('SELECT 1 FROM votes WHERE value = 1')) ?? undefined);
    const post = (await app.store.db.get<{ id: number }>("SELECT id FROM posts WHERE text = 'beans are up'"))!.id;
    bob.say('meshline', `star ${post}`);
    await until('the star reply', () => bob.notices.find((n) => n === `Starred #${post}.`));
    await runtime.clock.idle();
    const room = readFileSync(join(dir, 'output', 'rooms', 'friends', 'index.html'), 'utf8');
    assert.match(room, /★ 1<\/span> <span class="votes" title="votes up and down">▲ 1 ▼ 0/);
  } finally {
    alice.quit();
    bob.quit();
    await runtime.stop();
  }
});

test('issue 17: an IRCv3 reply (+draft/reply on PRIVMSG) answers the post; its thread page shows both', async () => {
  const { dir, app, runtime } = await ircSite(server);
  const alice = await optedIn(server, 'alice');
  const bob = await optedIn(server, 'bob');
  try {
    const id = await msgidSeen(bob, alice, '#friends', 'peas or beans?');
    bob.raw(`@+draft/reply=${id} PRIVMSG #friends :beans, always`);
    const reply = await until(
      'the reply linked to the post',
      async () =>
        (await app.store.db.get<{ id: number; reply_to: number | null }>(
          "SELECT id, reply_to FROM posts WHERE text = 'beans, always'",
        )) ?? undefined,
    );
    const parent = (await app.store.db.get<{ id: number }>("SELECT id FROM posts WHERE text = 'peas or beans?'"))!.id;
    assert.equal(reply.reply_to, parent);
    await runtime.clock.idle();
    const thread = join(dir, 'output', 'threads', `${parent}.html`);
    await until('the conversation page', () => (existsSync(thread) ? readFileSync(thread, 'utf8') : undefined));
    assert.match(readFileSync(thread, 'utf8'), /peas or beans\?[\s\S]*depth-1[\s\S]*beans, always/);
  } finally {
    alice.quit();
    bob.quit();
    await runtime.stop();
  }
});

type TaggedClient = Awaited<ReturnType<typeof optedIn>>;

/** `sayer` says `text` in `channel`; resolves with the msgid the server gave it, as `seer`'s client got it. */
function msgidSeen(seer: TaggedClient, sayer: TaggedClient, channel: string, text: string): Promise<string> {
  const seen = new Promise<string>((resolve) =>
    seer.on('privmsg', (e: { message: string; tags: Record<string, string> }) => {
      if (e.message === text && e.tags.msgid) resolve(e.tags.msgid);
    }),
  );
  sayer.say(channel, text);
  return seen;
}
