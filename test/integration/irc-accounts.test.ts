// Services accounts: Debian's atheme-services linked to inspircd. An account, not a nick, is who a person is.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startInspircd } from '../servers/irc-servers.ts';
import { ircSite, optedIn, person, until, withAccount } from '../servers/irc-clients.ts';
import { tempDir } from '../helpers.ts';

const server = await startInspircd({ services: true });
after(() => server.stop());

const posts = async (app: Awaited<ReturnType<typeof ircSite>>['app']) =>
  (
    await app.store.db.all<{ text: string; handle: string }>(
      'SELECT p.text, pe.handle FROM posts p JOIN people pe ON pe.id = p.person_id ORDER BY p.id',
    )
  ).map((r) => `${r.handle}: ${r.text}`);

test('IRC accounts: Meshline logs in with SASL PLAIN; a wrong password is reported and it carries on', async () => {
  (await withAccount(server, 'meshbot', 'bot-password')).quit();
  const good = await ircSite(server, { sasl: { account: 'meshbot', password: 'bot-password' } });
  const watcher = await person(server, 'watcher');
  try {
    assert.match(good.runtime.statuses()[0]!.detail, /as meshline, account meshbot$/);
    const whois = await new Promise<Record<string, unknown>>((r) => watcher.whois('meshline', r));
    assert.equal(whois.account, 'meshbot', 'the server says the bot is logged in');
  } finally {
    await good.runtime.stop();
  }
  const bad = await ircSite(server, { sasl: { account: 'meshbot', password: 'wrong' } });
  try {
    await until(
      'the SASL failure',
      () => /SASL failed: .*(fail|invalid)/i.test(bad.runtime.statuses()[0]!.detail) || undefined,
    );
    assert.equal(bad.runtime.statuses()[0]!.connected, true);
    const whois = await new Promise<Record<string, unknown>>((r) => watcher.whois('meshline', r));
    assert.equal(whois.account, undefined);
  } finally {
    watcher.quit();
    await bad.runtime.stop();
  }
});

test('IRC accounts: a nick change keeps the person; someone else on the freed nick is not them', async () => {
  const { dir, app, runtime } = await ircSite(server, { allowUnverified: false });
  const alice = await optedIn(server, 'alice', await withAccount(server, 'alice'));
  let impostor: Awaited<ReturnType<typeof person>> | undefined;
  try {
    assert.ok(alice.notices[0]!.startsWith('Welcome, @alice'), alice.notices[0]);
    alice.changeNick('alice_train');
    await new Promise((r) => setTimeout(r, 300));
    alice.raw('AWAY', 'On the train');
    alice.say('#friends', 'written from the train');
    await until('both posts', async () => (await app.store.counts()).posts === 2);

    impostor = await person(server, 'alice');
    impostor.join('#friends');
    await new Promise((r) => setTimeout(r, 300));
    impostor.say('#friends', 'I am alice, honest');
    impostor.raw('AWAY', 'Fake status');
    impostor.say('meshline', 'join');
    await until('the refusal', () => impostor!.notices.find((n) => n.includes('not verified')));
    await runtime.clock.idle();

    assert.deepEqual(await posts(app), ['alice: On the train', 'alice: written from the train']);
    assert.deepEqual(
      (await app.store.listPeople()).map((p) => p.handle),
      ['alice'],
    );
    const ids = await app.store.db.all<{ ext_id: string }>('SELECT ext_id FROM identities');
    assert.deepEqual(
      ids.map((r) => r.ext_id),
      ['~alice'],
    );
    const page = join(dir, 'output', 'people', 'alice', 'index.html');
    await until('her page', () => existsSync(page) && readFileSync(page, 'utf8').includes('On the train'));
    assert.doesNotMatch(readFileSync(page, 'utf8'), /honest|Fake status/);
  } finally {
    alice.quit();
    impostor?.quit();
    await runtime.stop();
  }
});

test('IRC accounts: the same account on a second connection is the same person', async () => {
  (await withAccount(server, 'bea', 'bea-pass')).quit();
  const { app, runtime } = await ircSite(server, { allowUnverified: false });
  const laptop = await optedIn(server, 'bea', await person(server, 'bea', { account: 'bea', password: 'bea-pass' }));
  const phone = await person(server, 'bea_phone', { account: 'bea', password: 'bea-pass' });
  phone.join('#friends');
  await new Promise((r) => setTimeout(r, 300));
  try {
    phone.say('#friends', 'from my phone');
    laptop.say('#friends', 'from my laptop');
    await until('both posts', async () => (await app.store.counts()).posts === 2);
    assert.deepEqual(await posts(app), ['bea: from my phone', 'bea: from my laptop']);
    assert.equal((await app.store.counts()).people, 1);
  } finally {
    laptop.quit();
    phone.quit();
    await runtime.stop();
  }
});

test('doctor logs in with the configured SASL account and fails on a wrong password', async () => {
  (await withAccount(server, 'docbot', 'doc-password')).quit();
  const dir = tempDir();
  const net = (name: string, password: string) =>
    `    - { name: ${name}, host: 127.0.0.1, port: ${server.port}, tls: false, nick: meshline, ` +
    `sasl: { account: docbot, password: ${password} } }\n`;
  writeFileSync(
    join(dir, 'meshline.yaml'),
    `preview:\n  enabled: false\nirc:\n  networks:\n${net('good', 'doc-password')}${net('bad', 'nope')}`,
  );
  const r = spawnSync(process.execPath, [join(process.cwd(), 'bin/meshline.js'), 'doctor'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, MESHLINE_LOG: 'warn' },
  });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /ok\s+irc:good\s+reachable, capabilities: .*sasl; SASL: logged in as docbot/);
  assert.match(r.stdout, /FAIL irc:bad\s+reachable, .*; SASL failed: /);
});

// Issue 11: linking handed a person over to a bare nick, which anyone can take later; `link irc` on a network named
// testnet promised a code and retried forever.
test('IRC accounts: a link code is only confirmed from a logged-in nick; networks are named by kind', async () => {
  const { app, runtime } = await ircSite(server);
  const erin = await optedIn(server, 'erin', await withAccount(server, 'erin'));
  const alt = await person(server, 'erin_alt');
  try {
    erin.say('meshline', 'link gopher erin_alt');
    await until('the plain refusal', () =>
      erin.notices.find((n) => n.startsWith('There is no network "gopher" here. Networks: testnet')),
    );
    erin.say('meshline', 'link irc erin_alt');
    await until('the code sent', () => erin.notices.find((n) => n.startsWith('I sent a code to erin_alt on testnet')));
    const ask = await until('the code at the other nick', () => alt.notices.find((n) => /confirm \d{6}$/.test(n)));
    alt.say('meshline', `confirm ${/(\d{6})$/.exec(ask)![1]}`);
    await until('the refusal', () => alt.notices.find((n) => n.includes('not verified on its network')));
    alt.say('meshline', 'whoami');
    await until('a stranger still', () => alt.notices.find((n) => n.startsWith('I do not know you yet')));
    const ids = await app.store.db.all<{ ext_id: string }>('SELECT ext_id FROM identities ORDER BY ext_id');
    assert.deepEqual(
      ids.map((r) => r.ext_id),
      ['~erin'],
    );
    erin.say('meshline', 'notify irc');
    await until('notices on testnet', () => erin.notices.find((n) => n === 'Mention notices go to testnet.'));
  } finally {
    erin.quit();
    alt.quit();
    await runtime.stop();
  }
});
