// Issue 14: following inside the site (DotMesh's subscriptions) and blocking, by direct message on a real SQLite
// store: new posts of @someone or a #tag reach a follower as one notice a round, within the hourly limit; a blocked
// person's posts and mentions do not; history imported quietly tells nobody.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppContext } from '../../src/app/context.ts';
import { sendDigests } from '../../src/core/follows.ts';
import { Ingest } from '../../src/core/ingest.ts';
import { ev, testApp } from '../helpers.ts';

const alice = { id: 'alice', display: 'Alice' };
const bob = { id: 'bob', display: 'Bob' };
const carol = { id: 'carol', display: 'Carol' };

/** Direct messages queued for `to`, oldest first, and the outbox emptied. */
async function dmsTo(app: AppContext, to: string): Promise<string[]> {
  const items = await app.store.peekDms(Date.now() + 60_000, 500);
  await app.store.outboxDone(items);
  return items.filter((i) => i.payload.to === to).map((i) => i.payload.text);
}

async function digest(app: AppContext) {
  return app.store.write((tx) => sendDigests(tx, app.rules(), Date.now()));
}

test('issue 14: follow @someone and #tag by direct message; their new posts reach you as one notice', async () => {
  const app = await testApp();
  const ingest = new Ingest(app.store, app.rules());
  for (const who of [alice, bob, carol]) await ingest.handle(ev.join(who));
  await dmsTo(app, 'carol');
  for (const text of ['follow @alice', 'follow #garden', 'follow @nobody', 'follow @carol', 'following'])
    await ingest.handle(ev.dm(carol, text));
  assert.deepEqual(await dmsTo(app, 'carol'), [
    'You follow @alice: its new posts reach you here, a few at a time.',
    'You follow #garden: its new posts reach you here, a few at a time.',
    'Nobody here is called @nobody.',
    'That is you.',
    'This site follows nothing elsewhere. You follow: #garden, @alice.',
  ]);

  await ingest.handle(ev.dm(alice, 'post Beans are up #garden'));
  await ingest.handle(ev.dm(bob, 'post #Garden: weeding today'));
  await ingest.handle(ev.dm(bob, 'post nothing to do with gardens'));
  await ingest.handle(ev.status(alice, 'Out for lunch'));
  await dmsTo(app, 'carol');
  // Whatever the round gathered goes in one notice: posts and statuses, each once however it was followed.
  const sent = await digest(app);
  assert.equal(sent, 1);
  const [notice, ...more] = await dmsTo(app, 'carol');
  assert.equal(more.length, 0);
  assert.match(notice!, /^New from what you follow: @alice: "Beans are up #garden" http\S+\/posts\/1-beans-are-up/);
  assert.match(notice!, / · @bob in #garden: "#Garden: weeding today" http\S+ · @alice: "Out for lunch" http\S+$/);
  assert.doesNotMatch(notice!, /nothing to do/);
  // Told once, and the author never hears of their own post.
  assert.equal(await digest(app), 0);
  assert.deepEqual(await dmsTo(app, 'alice'), []);

  await ingest.handle(ev.dm(carol, 'unfollow #garden'));
  await ingest.handle(ev.dm(bob, 'post more #garden'));
  assert.equal(await digest(app), 0);
  assert.deepEqual(await dmsTo(app, 'carol'), ['You no longer follow #garden.']);
});

test('issue 14: block @someone stops their mentions and posts in your notices; unblock lets them through', async () => {
  const app = await testApp();
  const ingest = new Ingest(app.store, app.rules());
  for (const who of [alice, carol]) await ingest.handle(ev.join(who));
  await dmsTo(app, 'carol');
  await ingest.handle(ev.dm(carol, 'follow @alice'));
  await ingest.handle(ev.dm(carol, 'block @alice'));
  await ingest.handle(ev.dm(carol, 'block @x@their.site:8080'));
  await ingest.handle(ev.dm(carol, 'block'));
  assert.deepEqual(await dmsTo(app, 'carol'), [
    'You follow @alice: its new posts reach you here, a few at a time.',
    'You no longer hear from @alice.',
    'You no longer hear from @x@their.site:8080.',
    'Usage: block @someone[@their.site]: no more notices from them',
  ]);
  await ingest.handle(ev.dm(alice, 'post Hello @carol'));
  assert.equal(await digest(app), 0);
  assert.deepEqual(await dmsTo(app, 'carol'), []);

  await ingest.handle(ev.dm(carol, 'unblock @alice'));
  await ingest.handle(ev.dm(alice, 'post Hello again @carol'));
  assert.equal(await digest(app), 1);
  const told = await dmsTo(app, 'carol');
  assert.equal(told[0], 'You hear from @alice again.');
  assert.match(told[1]!, /^@alice mentioned you: "Hello again @carol"/);
  assert.match(told[2]!, /^New from what you follow: @alice: "Hello again @carol"/);
});

test('issue 14: the hourly limit holds a notice back to the next round; imported history tells nobody', async () => {
  const app = await testApp(undefined, { ingest: { noticesPerHour: 1 } });
  const ingest = new Ingest(app.store, app.rules());
  for (const who of [alice, carol]) await ingest.handle(ev.join(who));
  await ingest.handle(ev.dm(carol, 'follow @alice'));
  await ingest.handle(ev.dm(alice, 'post Hi @carol'));
  assert.equal(await digest(app), 0, 'the mention used the hour');
  const quiet = new Ingest(app.store, app.rules(), Date.now, { messages: false });
  await quiet.handle(ev.dm(alice, 'post from long ago'));
  const waiting = await app.store.write((tx) => tx.digests());
  assert.deepEqual(
    [...waiting.values()].flat().map((l) => l.line.replace(/ http\S+$/, '')),
    ['@alice: "Hi @carol"'],
  );
  // Forget takes the lines about her, waiting for others, with everything else of hers.
  await ingest.handle(ev.dm(alice, 'forget'));
  await ingest.handle(ev.dm(alice, 'forget yes'));
  assert.equal((await app.store.write((tx) => tx.digests())).size, 0);
});
