// Issue 11, consent and identity, against a real SQLite file: one path in for everybody, unverified identities
// never act for verified people, networks named as people name them, and no page without public posts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Ingest } from '../../src/core/ingest.ts';
import { defaultRules, type IngestRules } from '../../src/core/rules.ts';
import { renderSite } from '../../src/app/context.ts';
import { ev, tempDir, testApp } from '../helpers.ts';

async function setup(rules: Partial<IngestRules> = {}) {
  const dir = tempDir();
  const app = await testApp(dir);
  const ingest = new Ingest(app.store, defaultRules({ newCode: () => '424242', ...rules }));
  const reply = async (who: Parameters<typeof ev.dm>[0], text: string) => {
    const o = await ingest.handle(ev.dm(who, text));
    return o.result === 'replied' ? o.reply : `(${o.result})`;
  };
  const dms = async () => (await app.store.peekDms(Number.MAX_SAFE_INTEGER, 500)).map((d) => d.payload);
  return { dir, app, ingest, reply, dms };
}

test('issue 11: an allow-list gates join, not only the roster', async () => {
  const admission = { policy: 'allow-list', admits: (id: string) => id.endsWith('@friends.org'), admins: [] } as const;
  const { app, reply } = await setup({ admission: () => admission });
  assert.match(await reply({ id: 'eve@evil.org' }, 'join'), /only the people its operator listed/);
  assert.match(await reply({ id: 'ann@friends.org' }, 'join'), /^Welcome/);
  assert.deepEqual(
    (await app.store.listPeople()).map((p) => p.handle),
    ['annfriends.org'],
  );
});

test('issue 11: manual admission: join waits, admins decide, deny refuses later joins and revokes', async () => {
  const admission = { policy: 'manual', admits: () => false, admins: ['boss@x.org'] } as const;
  const { app, ingest, reply, dms } = await setup({ admission: () => admission });
  const eve = { id: 'eve@x.org', display: 'Eve' };
  assert.match(await reply({ id: 'kai@x.org' }, 'join'), /waits for an admin/);
  assert.match(
    await reply({ id: 'kai@x.org' }, 'optout'),
    /request to join is withdrawn/,
    'a request can be taken back',
  );
  assert.match(await reply(eve, 'join'), /waits for an admin/);
  assert.match(await reply(eve, 'join'), /waits for an admin/);
  assert.equal(
    (await dms()).filter((d) => d.to === 'boss@x.org' && d.text.startsWith('eve')).length,
    1,
    'the admin is asked once',
  );
  assert.equal((await app.store.counts()).people, 0, 'nobody stored before approval');
  assert.match(await reply({ id: 'eve@x.org' }, 'approve eve@x.org'), /Only an admin/);
  assert.match(await reply({ id: 'boss@x.org', verified: false }, 'approve eve@x.org'), /Only an admin/);
  assert.match(await reply({ id: 'boss@x.org' }, 'pending'), /Waiting: eve@x\.org \(Eve\)/);
  assert.match(await reply({ id: 'boss@x.org' }, 'deny eve@x.org'), /^Denied eve@x\.org/);
  assert.match(await reply(eve, 'join'), /has not allowed/);
  assert.equal((await ingest.handle(ev.friend(eve))).result, 'replied');
  assert.equal((await app.store.counts()).people, 0);
  // Approving later lets them in; denying again revokes what was granted.
  assert.match(await reply({ id: 'boss@x.org' }, 'approve eve@x.org'), /^Approved eve@x\.org/);
  assert.match(await reply(eve, 'join'), /^Welcome/);
  assert.equal((await ingest.handle(ev.status(eve, 'published'))).result, 'posted');
  assert.match(await reply({ id: 'boss@x.org' }, 'deny eve@x.org'), /no longer published/);
  assert.deepEqual(await ingest.handle(ev.status(eve, 'not any more')), { result: 'ignored', reason: 'no-consent' });
});

test('issue 11: friending only says hello unless the operator turned friendingOptsIn on', async () => {
  const a = await setup();
  const hello = await a.ingest.handle(ev.friend({ id: 'kim' }));
  assert.ok(hello.result === 'replied' && /If you send "join"/.test(hello.reply));
  assert.equal((await a.app.store.counts()).people, 0, 'nothing of theirs stored');
  assert.deepEqual(await a.ingest.handle(ev.status({ id: 'kim' }, 'hi')), { result: 'ignored', reason: 'no-consent' });
  const b = await setup({ friendingOptsIn: () => true });
  const welcome = await b.ingest.handle(ev.friend({ id: 'kim' }));
  assert.ok(welcome.result === 'replied' && /^Welcome/.test(welcome.reply));
});

test('issue 11: an unverified nick never acts for a person with verified identities, nor confirms a link', async () => {
  const { app, ingest, reply } = await setup({
    allowUnverified: () => true,
    networks: [{ name: 'testnet', kind: 'irc' }],
  });
  const nick = { id: 'alice', display: 'alice', verified: false, network: 'testnet' };
  assert.match(await reply(nick, 'join'), /^Welcome, @alice/);
  // Alice links her services account; the bare nick is now one of her identities.
  assert.match(await reply(nick, 'link irc ~alice'), /I sent a code to ~alice on testnet/);
  assert.match(await reply({ id: '~alice', network: 'testnet' }, 'confirm 424242'), /Linked/);
  // Someone else takes the free nick.
  for (const cmd of ['whoami', 'post I am alice', 'notify off', 'forget yes', 'join']) {
    assert.match(await reply(nick, cmd), /linked to @alice, who has verified ones/, cmd);
  }
  assert.deepEqual(await ingest.handle(ev.status(nick, 'impostor')), { result: 'ignored', reason: 'no-consent' });
  assert.equal((await app.store.counts()).posts, 0);
  assert.equal((await app.store.listPeople()).length, 1);
  // A code sent to an unverified identity is not proof.
  assert.match(await reply({ id: '~alice', network: 'testnet' }, 'link testnet bob'), /I sent a code/);
  assert.match(await reply({ id: 'bob', verified: false, network: 'testnet' }, 'confirm 424242'), /not verified/);
  assert.deepEqual((await app.store.listPeople())[0]!.identities.sort(), ['testnet:alice', 'testnet:~alice']);
});

test('issue 11: link and notify take the network kind when unambiguous; nothing is queued for no network', async () => {
  const networks = [
    { name: 'testnet', kind: 'irc' },
    { name: 'jabber', kind: 'xmpp' },
    { name: 'm1', kind: 'matrix' },
    { name: 'm2', kind: 'matrix' },
  ];
  const { reply, dms } = await setup({ networks });
  const me = { id: 'me@x.org', network: 'jabber' };
  await reply(me, 'join');
  assert.match(await reply(me, 'link irc alicei'), /I sent a code to alicei on testnet/);
  assert.ok((await dms()).some((d) => d.network === 'testnet' && d.to === 'alicei'));
  assert.match(await reply(me, 'notify xmpp'), /Mention notices go to jabber/);
  assert.match(await reply(me, 'notify irc'), /no identity on testnet/);
  assert.match(await reply(me, 'link matrix @a:b'), /several matrix networks here: m1, m2/);
  const before = (await dms()).length;
  assert.match(await reply(me, 'link gopher x'), /no network "gopher" here. Networks: testnet, jabber, m1, m2/);
  assert.equal((await dms()).length, before + 1, 'only the answer is queued');
});

test('issue 11: a person without public posts has no page; after optout with no posts the page goes', async () => {
  const { dir, app, ingest, reply } = await setup();
  const out = join(dir, 'output');
  await reply({ id: 'pia' }, 'join');
  await renderSite(app);
  assert.ok(!existsSync(join(out, 'people', 'pia')), 'no page before a post');
  assert.doesNotMatch(
    await import('node:fs').then((f) => f.readFileSync(join(out, 'people', 'index.html'), 'utf8')),
    /pia/,
  );
  await ingest.handle(ev.status({ id: 'pia' }, 'first'));
  await renderSite(app);
  assert.ok(existsSync(join(out, 'people', 'pia', 'index.html')));
  await reply({ id: 'pia' }, 'delete 1');
  await reply({ id: 'pia' }, 'optout');
  await renderSite(app);
  assert.ok(!existsSync(join(out, 'people', 'pia')), 'page and folder gone');
});

// Review of issue 11: a denied identity came back in by linking, or by joining from another network.
test('issue 11: deny holds across networks: no way back in by link, confirm or join elsewhere', async () => {
  const admission = (n: string) =>
    n === 'xmpp'
      ? ({ policy: 'manual', admits: () => false, admins: ['boss@x.org'] } as const)
      : ({ policy: 'anyone', admits: () => false, admins: [] } as const);
  const { app, ingest, reply } = await setup({
    admission,
    networks: [
      { name: 'xmpp', kind: 'xmpp' },
      { name: 'irc', kind: 'irc' },
    ],
  });
  const jid = { id: 'eve@x.org', network: 'xmpp' };
  const nick = { id: '~eve', network: 'irc' };
  const boss = { id: 'boss@x.org', network: 'xmpp' };
  await reply(jid, 'join');
  assert.match(await reply(boss, 'approve eve@x.org'), /^Approved/);
  assert.match(
    await reply(boss, 'deny EVE@x.org'),
    /^Denied eve@x\.org\. @evex\.org is no longer published/,
    'case does not matter',
  );
  // In from IRC, then linking the denied JID.
  assert.match(await reply(nick, 'join'), /^Welcome/);
  assert.match(await reply(nick, 'link xmpp eve@x.org'), /I sent a code/);
  assert.match(await reply(jid, 'confirm 424242'), /has not allowed/);
  assert.deepEqual(await ingest.handle(ev.status(jid, 'denied status')), { result: 'ignored', reason: 'no-consent' });
  // The other way round: the denied JID asks to link the IRC identity, which confirms.
  assert.match(await reply(jid, 'link irc ~eve'), /I sent a code/);
  assert.match(await reply(nick, 'confirm 424242'), /Linked/);
  assert.deepEqual(
    (await app.store.listPeople()).map((p) => [p.optedIn, p.identities.sort()]),
    [[false, ['irc:~eve', 'xmpp:eve@x.org']]],
  );
  assert.match(await reply(nick, 'join'), /has not allowed/);
  assert.deepEqual(await ingest.handle(ev.status(nick, 'via irc')), { result: 'ignored', reason: 'no-consent' });
});
