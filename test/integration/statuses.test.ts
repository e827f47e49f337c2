// Issue 12, statuses: a status said again (a device or network repeating it after a restart) is not news; the
// newest by time wins; a waiting status keeps the time it was set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Ingest } from '../../src/core/ingest.ts';
import { defaultRules } from '../../src/core/rules.ts';
import { SqliteStore } from '../../src/store/index.ts';
import type { ChatEvent } from '../../src/core/types.ts';
import { ev, tempDir } from '../helpers.ts';

const rows = (s: SqliteStore) =>
  s.db.all<{ text: string; at: number; network: string }>('SELECT text, at, network FROM posts ORDER BY id');

async function store(path: string, now: () => number) {
  const s = await SqliteStore.open(path);
  return { s, ingest: new Ingest(s, defaultRules({ statusDebounceMs: () => 30_000 }), now) };
}

test('issue 12: a waiting status repeated after a kill keeps the time it was set', async () => {
  const path = join(tempDir(), 'db.sqlite');
  let now = 1_000_000;
  const a = await store(path, () => now);
  const alice = { id: 'alice' };
  await a.ingest.handle(ev.join(alice));
  const set = ev.status(alice, 'Reading', 'away', now);
  await a.ingest.handle(set);
  await a.s.close(); // as good as a kill: the row is committed, nothing else happens
  now += 5_000;
  const b = await store(path, () => now);
  // The client announces the same status again when Meshline reconnects.
  assert.equal((await b.ingest.handle(ev.status(alice, 'Reading', 'away', now))).result, 'duplicate');
  now += 30_000;
  await b.ingest.flushStatuses();
  assert.deepEqual(
    (await rows(b.s)).map((r) => [r.text, r.at]),
    [['Reading', set.at]],
  );
  await b.s.close();
});

test('issue 12: a re-reported old status never displaces a newer waiting one of the same person', async () => {
  const path = join(tempDir(), 'db.sqlite');
  let now = 2_000_000;
  const { s, ingest } = await store(path, () => now);
  const irc = { id: '~alice', network: 'irc' };
  const xmpp = { id: 'alice@x.org', network: 'xmpp' };
  await ingest.handle(ev.join(irc));
  await ingest.handle(ev.status(irc, 'X on IRC', 'away', now));
  now += 31_000;
  await ingest.flushStatuses();
  // Her XMPP identity is linked to the same person.
  const person = (await s.db.get<{ id: number }>('SELECT id FROM people'))!.id;
  await s.db.run("INSERT INTO identities VALUES ('xmpp', 'alice@x.org', 'bot', ?, 'alice', 1, 0)", [person]);
  await ingest.handle(ev.status(xmpp, 'Y on XMPP', 'away', now));
  now += 5_000;
  // Meshline restarts; IRC tells, by WHOIS, the away text she set long ago.
  const snapshot: ChatEvent = { ...(ev.status(irc, 'X on IRC', 'away', now) as object), snapshot: true } as ChatEvent;
  assert.equal((await ingest.handle(snapshot)).result, 'duplicate');
  now += 30_000;
  await ingest.flushStatuses();
  assert.deepEqual(
    (await rows(s)).map((r) => r.text),
    ['X on IRC', 'Y on XMPP'],
  );
  // A snapshot of something new is news; a live change is news even if said before.
  const fresh = {
    ...(ev.status(irc, 'Z set while Meshline was away', 'away', now) as object),
    snapshot: true,
  } as ChatEvent;
  assert.equal((await ingest.handle(fresh)).result, 'pending');
  await s.close();
});

test('issue 12: a 20 kB status announced again by each device after a restart is posted once', async () => {
  const path = join(tempDir(), 'db.sqlite');
  let now = 3_000_000;
  const { s, ingest } = await store(path, () => now);
  const who = { id: 'gil' };
  await ingest.handle(ev.join(who));
  const long = `Long ${'status '.repeat(3000)}`;
  await ingest.handle(ev.status(who, long, 'away', now));
  now += 31_000;
  await ingest.flushStatuses();
  for (let device = 0; device < 3; device++) {
    now += 1_000;
    await ingest.handle(ev.status(who, long, 'away', now));
  }
  now += 31_000;
  await ingest.flushStatuses();
  assert.equal((await rows(s)).length, 1);
  await s.close();
});

// Issue 12: in one import batch, a person changed (notify irc) and then read by handle (a mention) came back from
// the database as they were, and the notice went to the old network.
test('issue 12: a batch that changes a person and then uses them sees the change', async () => {
  const path = join(tempDir(), 'db.sqlite');
  const first = await store(path, () => 4_000_000);
  const alice = { id: 'alice@x.org', network: 'xmpp' };
  const bob = { id: 'bob@x.org', network: 'xmpp' };
  await first.ingest.handle(ev.join(alice));
  await first.ingest.handle(ev.join(bob));
  const person = (await first.s.db.get<{ id: number }>("SELECT id FROM people WHERE handle = 'alicex.org'"))!.id;
  await first.s.db.run("INSERT INTO identities VALUES ('irc', '~alice', 'bot', ?, 'alice', 1, 0)", [person]);
  await first.s.db.run('DELETE FROM outbox');
  await first.s.close();
  // A fresh process (an import run) knows nobody yet.
  const { s, ingest } = await store(path, () => 4_000_000);
  const late = 4_100_000;
  await ingest.handleMany([
    { ...ev.dm(alice, 'notify irc'), at: late } as ChatEvent,
    { ...ev.dm(bob, 'post hello @alicex.org'), at: late + 1 } as ChatEvent,
  ]);
  const notices = (await s.peekDms(Number.MAX_SAFE_INTEGER, 10))
    .map((d) => d.payload)
    .filter((d) => d.text.includes('mentioned you'));
  assert.deepEqual(
    notices.map((d) => `${d.network}:${d.to}`),
    ['irc:~alice'],
  );
  await s.close();
});
