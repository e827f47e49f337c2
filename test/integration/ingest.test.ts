// Ingest rules against a real SQLite file: consent, noise, debounce, dedupe, edits, commands, mentions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ingest } from '../../src/core/ingest.ts';
import { SqliteStore } from '../../src/store/index.ts';
import { defaultRules } from '../../src/core/rules.ts';
import { ev, tempDir, testApp } from '../helpers.ts';
import { join } from 'node:path';

const alice = { id: 'alice', display: 'Alice' };
const bob = { id: 'bob', display: 'Bob' };

async function setup(rules = {}) {
  const app = await testApp();
  await app.store.ensureRoom('test', 'den', 'The Den', true, 'opted-in');
  await app.store.ensureRoom('test', 'closed', 'Closed', false, 'opted-in');
  const ingest = new Ingest(
    app.store,
    defaultRules({ newCode: () => '424242', siteUrl: 'https://status.example.org/', ...rules }),
  );
  return { app, ingest };
}

const postTexts = async (store: SqliteStore) =>
  (await store.db.all<{ text: string }>('SELECT text FROM posts ORDER BY id')).map((r) => r.text);
const dms = async (store: SqliteStore) =>
  (await store.peekDms(Number.MAX_SAFE_INTEGER, 100)).map((d) => `${d.payload.to}: ${d.payload.text}`);

test('nobody is published before opting in, and strangers leave no trace', async () => {
  const { app, ingest } = await setup();
  assert.deepEqual(await ingest.handle(ev.status(alice, 'hello')), { result: 'ignored', reason: 'no-consent' });
  assert.deepEqual(await ingest.handle(ev.say(alice, 'den', 'hi all')), { result: 'ignored', reason: 'no-consent' });
  assert.equal((await app.store.counts()).people, 0);
  assert.equal((await app.store.db.get<{ n: number }>('SELECT count(*) AS n FROM dedupe'))!.n, 0);
  assert.equal((await ingest.handle(ev.join(alice))).result, 'replied');
  assert.equal((await ingest.handle(ev.status(alice, 'hello'))).result, 'posted');
  assert.deepEqual(await postTexts(app.store), ['hello']);
});

test('unverified identities cannot opt in unless the network allows it', async () => {
  const { app, ingest } = await setup();
  const nick = { id: 'nick', verified: false };
  const r = await ingest.handle(ev.dm(nick, 'join'));
  assert.equal(r.result, 'replied');
  assert.match(r.result === 'replied' ? r.reply : '', /not verified/);
  assert.equal((await app.store.counts()).people, 0);
  const lax = await setup({ allowUnverified: () => true });
  await lax.ingest.handle(ev.dm(nick, 'join'));
  assert.equal((await lax.app.store.counts()).people, 1);
});

test('rooms publish only when enabled, and only opted-in people by default', async () => {
  const { app, ingest } = await setup();
  await ingest.handle(ev.join(alice));
  assert.equal((await ingest.handle(ev.say(alice, 'den', 'in the den'))).result, 'posted');
  assert.deepEqual(await ingest.handle(ev.say(alice, 'closed', 'secret')), {
    result: 'ignored',
    reason: 'room-disabled',
  });
  assert.deepEqual(await ingest.handle(ev.say(alice, 'nowhere', 'x')), { result: 'ignored', reason: 'room-disabled' });
  assert.deepEqual(await ingest.handle(ev.say(bob, 'den', 'not opted in')), {
    result: 'ignored',
    reason: 'no-consent',
  });
  await app.store.ensureRoom('test', 'open', 'Open', true, 'everyone');
  assert.equal((await ingest.handle(ev.say(bob, 'open', 'everyone room'))).result, 'posted');
  assert.deepEqual(await postTexts(app.store), ['in the den', 'everyone room']);
});

test('status noise: empty, auto-away, repeats and coming back are not posted', async () => {
  const { app, ingest } = await setup();
  await ingest.handle(ev.join(alice));
  const results = [];
  for (const [text, presence] of [
    ['Out for lunch', 'available'],
    ['out for lunch', 'available'],
    ['Auto away', 'away'],
    ['', 'available'],
    ['Idle for 10 minutes', 'away'],
    ['Back at work', 'available'],
  ] as const) {
    results.push((await ingest.handle(ev.status(alice, text, presence))).result);
  }
  assert.deepEqual(results, ['posted', 'ignored', 'ignored', 'ignored', 'ignored', 'posted']);
  assert.deepEqual(await postTexts(app.store), ['Out for lunch', 'Back at work']);
});

test('flapping statuses within the debounce window post only the last', async () => {
  let now = 1_000_000;
  const app = await testApp();
  const ingest = new Ingest(app.store, defaultRules({ statusDebounceMs: () => 30_000 }), () => now);
  await ingest.handle(ev.join(alice));
  assert.equal((await ingest.handle(ev.status(alice, 'Working'))).result, 'pending');
  now += 10_000;
  await ingest.handle(ev.status(alice, 'Meeting'));
  now += 10_000;
  assert.deepEqual(await ingest.flushStatuses(), []);
  await ingest.handle(ev.status(alice, 'Working from home'));
  now += 31_000;
  assert.equal((await ingest.flushStatuses()).length, 1);
  assert.deepEqual(await postTexts(app.store), ['Working from home']);
});

test('a pending status survives a restart', async () => {
  const dir = tempDir();
  const path = join(dir, 'db.sqlite');
  let now = 5_000;
  const s1 = await SqliteStore.open(path);
  const i1 = new Ingest(s1, defaultRules({ statusDebounceMs: () => 60_000 }), () => now);
  await i1.handle(ev.join(alice));
  await i1.handle(ev.status(alice, 'Reading'));
  await s1.close();
  now += 61_000;
  const s2 = await SqliteStore.open(path);
  const i2 = new Ingest(s2, defaultRules(), () => now);
  assert.equal((await i2.flushStatuses()).length, 1);
  assert.deepEqual(await postTexts(s2), ['Reading']);
  await s2.close();
});

test('the same message is stored once, across restarts', async () => {
  const dir = tempDir();
  const path = join(dir, 'db.sqlite');
  const say = ev.say(alice, 'den', 'once only', 'msg-1');
  const status = ev.status(alice, 'same status');
  for (let round = 0; round < 2; round++) {
    const store = await SqliteStore.open(path);
    await store.ensureRoom('test', 'den', 'Den', true, 'opted-in');
    const ingest = new Ingest(store, defaultRules());
    if (round === 0) await ingest.handle(ev.join(alice));
    const outcomes = [await ingest.handle(say), await ingest.handle(say), await ingest.handle(status)];
    assert.deepEqual(
      outcomes.map((o) => o.result),
      round === 0 ? ['posted', 'duplicate', 'posted'] : ['duplicate', 'duplicate', 'duplicate'],
    );
    assert.deepEqual(await postTexts(store), ['once only', 'same status']);
    await store.close();
  }
});

test('edits, retractions and reactions apply to the stored post, by its author only', async () => {
  const { app, ingest } = await setup();
  await ingest.handle(ev.join(alice));
  await ingest.handle(ev.join(bob));
  await ingest.handle(ev.say(alice, 'den', 'helo #typo', 'm1'));
  assert.deepEqual(await ingest.handle(ev.edit(bob, 'm1', 'hijack')), { result: 'ignored', reason: 'not-author' });
  assert.equal((await ingest.handle(ev.edit(alice, 'm1', 'hello #fixed'))).result, 'updated');
  assert.deepEqual(await postTexts(app.store), ['hello #fixed']);
  const tags = await app.store.db.all<{ tag: string }>('SELECT tag FROM post_tags');
  assert.deepEqual(
    tags.map((t) => t.tag),
    ['fixed'],
  );
  assert.equal((await ingest.handle(ev.react(bob, 'm1', '⭐'))).result, 'reacted');
  assert.equal((await ingest.handle(ev.react(bob, 'm1', '⭐'))).result, 'duplicate');
  assert.deepEqual(await ingest.handle(ev.edit(alice, 'unknown', 'x')), { result: 'ignored', reason: 'not-found' });
  assert.equal((await ingest.handle(ev.retract(alice, 'm1'))).result, 'deleted');
  assert.deepEqual(await postTexts(app.store), []);
});

test('commands: post, edit, delete, whoami, notify, optout, forget', async () => {
  const { app, ingest } = await setup();
  const reply = async (text: string, who = alice) => {
    const o = await ingest.handle(ev.dm(who, text));
    return o.result === 'replied' ? o.reply : o.result;
  };
  assert.match(await reply('post hi'), /Send "join"/);
  assert.match(await reply('join'), /Welcome, @alice/);
  assert.match(await reply('join'), /already in/);
  assert.match(await reply('post My first note'), /Posted #1/);
  assert.match(await reply('edit 1 My edited note'), /Edited #1/);
  assert.match(await reply('edit 1 stolen', bob), /I do not know you/);
  assert.match(await reply('delete 99'), /no post #99/);
  assert.match(await reply('whoami'), /@alice \(Alice\), opted in; identities: test:alice/);
  assert.match(await reply('notify nowhere'), /no identity on nowhere/);
  assert.match(await reply('notify test'), /go to test/);
  assert.match(await reply('frobnicate'), /I do not know "frobnicate"/);
  assert.deepEqual(await postTexts(app.store), ['My edited note']);
  assert.match(await reply('delete 1'), /Deleted #1/);
  assert.match(await reply('post again'), /Posted/);
  assert.match(await reply('optout'), /nothing new of yours/);
  assert.deepEqual(await ingest.handle(ev.status(alice, 'after optout')), { result: 'ignored', reason: 'no-consent' });
  assert.match(await reply('forget'), /forget yes/);
  assert.match(await reply('forget yes'), /Forgotten/);
  assert.deepEqual(await postTexts(app.store), []);
  assert.equal((await app.store.counts()).people, 0);
});

test('link proves a second identity and merges the two people', async () => {
  const { app, ingest } = await setup();
  const aliceIrc = { id: 'alice_irc', display: 'alice', network: 'irc' };
  await ingest.handle(ev.join(alice));
  await ingest.handle(ev.join(aliceIrc));
  await ingest.handle(ev.status(aliceIrc, 'from irc'));
  const o = await ingest.handle(ev.dm(alice, 'link irc alice_irc'));
  assert.match(o.result === 'replied' ? o.reply : '', /sent a code/);
  assert.ok(
    (await dms(app.store)).some((d) => d.startsWith('alice_irc: @alice asks to link') && d.endsWith('confirm 424242')),
  );
  const stranger = await ingest.handle(ev.dm(bob, 'confirm 424242'));
  assert.match(stranger.result === 'replied' ? stranger.reply : '', /unknown or expired/);
  const c = await ingest.handle(ev.dm(aliceIrc, 'confirm 424242'));
  assert.match(c.result === 'replied' ? c.reply : '', /now @alice/);
  const people = await app.store.listPeople();
  assert.deepEqual(
    people.map((p) => [p.handle, p.identities, p.posts]),
    [['alice', ['irc:alice_irc', 'test:alice'], 1]],
  );
  const again = await ingest.handle(ev.dm(aliceIrc, 'confirm 424242'));
  assert.match(again.result === 'replied' ? again.reply : '', /unknown or expired/);
});

test('mentions notify opted-in people on their network, rate-limited', async () => {
  const { app, ingest } = await setup({ noticesPerHour: 2 });
  await ingest.handle(ev.join(alice));
  await ingest.handle(ev.join(bob));
  await app.store.outboxDone(await app.store.peekDms(Number.MAX_SAFE_INTEGER, 100));
  for (let i = 0; i < 3; i++) await ingest.handle(ev.say(alice, 'den', `hey @bob number ${i} and @nobody`));
  const notices = await dms(app.store);
  assert.equal(notices.length, 2);
  assert.match(
    notices[0]!,
    new RegExp(
      /^bob: @alice mentioned you: "hey @bob number 0 and @nobody" /.source +
        /https:\/\/status\.example\.org\/posts\/\d+-hey-bob-number-0-and-nobody\.html$/.source,
    ),
  );
  const mentions = await app.store.db.all('SELECT * FROM post_mentions');
  assert.equal(mentions.length, 3);
  await ingest.handle(ev.dm(bob, 'notify off'));
  await ingest.handle(ev.say(alice, 'den', '@bob again'));
  assert.equal((await dms(app.store)).filter((d) => d.startsWith('bob: @alice')).length, 2);
});
