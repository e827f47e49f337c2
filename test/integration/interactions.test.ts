// Issue 16: what people do to posts, by direct message, on a real store and site: stars and votes counted once per
// person and shown on every page of the post; echoes on the echoer's page, gone with the original; flags past the
// threshold hide a post for the admins; admins pin and hide.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSite } from '../../src/app/context.ts';
import { Ingest } from '../../src/core/ingest.ts';
import type { ChatEvent } from '../../src/core/types.ts';
import { HELP } from '../../src/core/commands.ts';
import { ev, tempDir, testApp } from '../helpers.ts';

const alice = { id: 'alice', display: 'Alice' };
const bob = { id: 'bob', display: 'Bob' };
const carol = { id: 'carol', display: 'Carol' };
const admin = { id: 'root', display: 'Root' };

async function setup() {
  const dir = tempDir();
  const app = await testApp(dir, { moderation: { flagThreshold: 2 } });
  const rules = app.rules({
    test: { admission: { policy: 'anyone', admits: () => false, admins: ['root'] } },
  });
  const ingest = new Ingest(app.store, rules);
  for (const who of [alice, bob, carol, admin]) await ingest.handle(ev.join(who));
  await ingest.handle(ev.dm(alice, 'post Beans are up'));
  await ingest.handle(ev.dm(alice, 'post Rain today'));
  await renderSite(app, { full: true });
  // Everything sent so far, taken out of the outbox once; each person's share read (and forgotten) on asking.
  const inbox: { to: string; text: string }[] = [];
  const said = async (to: string) => {
    const items = await app.store.peekDms(Date.now() + 60_000, 500);
    await app.store.outboxDone(items);
    inbox.push(...items.map((i) => i.payload));
    const mine = inbox.filter((m) => m.to === to);
    inbox.splice(0, inbox.length, ...inbox.filter((m) => m.to !== to));
    return mine.map((m) => m.text);
  };
  await said('x');
  inbox.splice(0);
  const read = (path: string) => readFileSync(join(dir, 'output', path), 'utf8');
  return { app, ingest, said, read, dir };
}

test('issue 16: stars and votes count once per person, whatever they send, and show on the post', async () => {
  const { app, ingest, said, read } = await setup();
  for (const [who, text] of [
    [bob, 'star 1'],
    [bob, 'star 1'],
    [bob, 'up 1'],
    [bob, 'up 1'],
    [carol, 'down 1'],
    [carol, 'up 1'],
    [alice, 'up 1'],
    [carol, 'star 99'],
    [carol, 'star one'],
  ] as const)
    await ingest.handle(ev.dm(who, text));
  assert.deepEqual(await said('bob'), [
    'Starred #1.',
    'You starred #1 already.',
    'Voted #1 up.',
    'You voted that way on #1 already.',
  ]);
  assert.deepEqual(await said('carol'), [
    'Voted #1 down.',
    'Voted #1 up.',
    'There is no post #99.',
    `Usage: ${HELP.star}`,
  ]);
  assert.deepEqual(await said('alice'), ['Your own posts get their votes from others.']);
  await renderSite(app);
  for (const page of ['index.html', 'people/alice/index.html', 'posts/1-beans-are-up.html'])
    assert.match(read(page), /★ 1<\/span> <span class="votes" title="votes up and down">▲ 2 ▼ 0/, page);
  // Sorted views: only posts someone acted on, with a switch between the orders.
  assert.match(
    read('index.html'),
    /<nav class="sorts" aria-label="Order"><a href="\/index.html" aria-current="page">Recent/,
  );
  for (const sort of ['hot', 'best', 'worst', 'controversial']) {
    const page = read(`${sort}/index.html`);
    assert.match(page, /Beans are up/, sort);
    assert.doesNotMatch(page, /Rain today/, sort);
    assert.match(page, new RegExp(`<a href="/${sort}/index.html" aria-current="page">`), sort);
    assert.match(read(`people/alice/${sort}/index.html`), /Beans are up/, sort);
  }
  await ingest.handle(ev.dm(bob, 'unvote 1'));
  await ingest.handle(ev.dm(bob, 'unstar 1'));
  await renderSite(app);
  assert.match(read('index.html'), /▲ 1 ▼ 0/);
  assert.doesNotMatch(read('index.html'), /★ 1/);
  // With no star, vote or echo left anywhere, the sorted views go.
  await ingest.handle(ev.dm(carol, 'unvote 1'));
  await renderSite(app);
  assert.equal(existsSync(join(app.outputDir, 'hot/index.html')), false);
  assert.doesNotMatch(read('index.html'), /class="sorts"/);
});

test('issue 16: sorted views order by their formulas, on the site', async () => {
  const { app, ingest, read } = await setup();
  await ingest.handle(ev.dm(carol, 'post Third'));
  // #1: 2 up; #2: 1 up 1 down; #3: 2 down.
  for (const [who, text] of [
    [bob, 'up 1'],
    [carol, 'up 1'],
    [bob, 'up 2'],
    [carol, 'down 2'],
    [alice, 'down 3'],
    [bob, 'down 3'],
  ] as const)
    await ingest.handle(ev.dm(who, text));
  await renderSite(app);
  const order = (path: string) => [...read(path).matchAll(/<article[^>]*id="post-(\d+)"/g)].map((m) => Number(m[1]));
  assert.deepEqual(order('best/index.html'), [1, 2, 3]);
  assert.deepEqual(order('worst/index.html'), [3, 2, 1]);
  assert.deepEqual(order('controversial/index.html')[0], 2);
});

test('issue 16: an echo shows the post on the echoer page, and goes with the original', async () => {
  const { app, ingest, said, read } = await setup();
  await ingest.handle(ev.dm(bob, 'echo 1 worth reading'));
  await ingest.handle(ev.dm(bob, 'echo 1'));
  assert.deepEqual(await said('bob'), ['Echoed #1 on your page as #3.', 'You echoed #1 already (#3).']);
  await renderSite(app);
  const page = read('people/bob/index.html');
  assert.match(page, /echoed <a href="\/posts\/1-beans-are-up.html">@alice<\/a>/);
  assert.match(page, /<blockquote class="echoed"[^>]*>.*Beans are up/s);
  assert.match(page, /worth reading/);
  assert.match(read('posts/1-beans-are-up.html'), /↻ 1/);
  await ingest.handle(ev.dm(alice, 'delete 1'));
  await renderSite(app);
  assert.doesNotMatch(read('index.html'), /worth reading|Beans/);
  assert.equal(existsSync(join(app.outputDir, 'people/bob/index.html')), false);
});

test('issue 16: flags past the threshold hide a post and tell the admins; admins pin, hide and unhide', async () => {
  const { app, ingest, said, read } = await setup();
  await ingest.handle(ev.dm(bob, 'flag 2 off topic'));
  await renderSite(app);
  assert.match(read('index.html'), /Rain today/);
  await ingest.handle(ev.dm(carol, 'flag 2'));
  assert.deepEqual(await said('root'), ['#2 is hidden: 2 people flagged it. "unhide 2" shows it again.']);
  await renderSite(app);
  assert.doesNotMatch(read('index.html'), /Rain today/);
  assert.equal(existsSync(join(app.outputDir, 'posts/2-rain-today.html')), false);
  await ingest.handle(ev.dm(bob, 'star 2'));
  assert.deepEqual(await said('bob'), ['Flagged #2; the admins will look at it.', 'There is no post #2.']);

  // Only admins pin and hide; a pinned post heads home.
  await ingest.handle(ev.dm(bob, 'pin 1'));
  await ingest.handle(ev.dm(admin, 'unhide 2'));
  await ingest.handle(ev.dm(admin, 'pin 1'));
  assert.deepEqual(await said('bob'), ['Only admins pin and hide posts (room operators pin in their room).']);
  assert.deepEqual(await said('root'), ['Unhid #2.', 'Pinned #1.']);
  await ingest.handle(ev.dm(carol, 'post Newest of all'));
  await renderSite(app);
  const home = read('index.html');
  assert.match(home, /<section class="pinned" aria-label="Pinned">\s*<article[^>]*>[\s\S]*?Beans are up/);
  assert.ok(home.indexOf('Beans are up') < home.indexOf('Newest of all'));
  assert.match(home, /Rain today/);
});

test("issue 16: a room's operator pins in their room, and only there", async () => {
  const { app, ingest, said, read } = await setup();
  await app.store.ensureRoom('test', 'den', 'Den', true, 'opted-in');
  await ingest.handle(ev.say(alice, 'den', 'Meeting at eight'));
  const id = (await app.store.db.get<{ id: number }>("SELECT id FROM posts WHERE text = 'Meeting at eight'"))!.id;
  const asOperator = (text: string) => ({ ...ev.dm(carol, text), operatorOf: ['den'] }) as ChatEvent;
  await ingest.handle(asOperator(`pin ${id}`));
  await ingest.handle(asOperator('pin 1'));
  await ingest.handle(ev.dm(bob, `pin ${id}`));
  assert.deepEqual(await said('carol'), [
    `Pinned #${id}.`,
    'Only admins pin and hide posts (room operators pin in their room).',
  ]);
  assert.deepEqual(await said('bob'), ['Only admins pin and hide posts (room operators pin in their room).']);
  await renderSite(app);
  assert.match(read('rooms/den/index.html'), /<section class="pinned"[^>]*>\s*<article[\s\S]*?Meeting at eight/);
});

test('issue 16: forget takes a person stars and votes with them, and the counts show it', async () => {
  const { app, ingest, read } = await setup();
  await ingest.handle(ev.dm(bob, 'up 1'));
  await ingest.handle(ev.dm(bob, 'star 1'));
  await ingest.handle(ev.dm(carol, 'up 1'));
  await renderSite(app);
  const counts = /★ 1<\/span> <span class="votes" title="votes up and down">▲ 2 ▼ 0/;
  assert.match(read('posts/1-beans-are-up.html'), counts);
  await ingest.handle(ev.dm(bob, 'forget'));
  await ingest.handle(ev.dm(bob, 'forget yes'));
  await renderSite(app);
  assert.match(read('posts/1-beans-are-up.html'), /<span class="votes" title="votes up and down">▲ 1 ▼ 0/);
  assert.doesNotMatch(read('posts/1-beans-are-up.html'), /★/);
  assert.match(read('best/index.html'), /Beans are up/);
});
