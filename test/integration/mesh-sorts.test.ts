// Issue 16: the mesh timeline has sorted views too. People here star and vote on followed posts by their address;
// the counts show on the mesh pages, the sorted views order them, and they go with the post and with the person.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSite, type AppContext } from '../../src/app/context.ts';
import { Ingest } from '../../src/core/ingest.ts';
import { pullSources } from '../../src/mesh/job.ts';
import { startPreview } from '../../src/site/preview.ts';
import { ev, tempDir, testApp } from '../helpers.ts';

async function site(extra: Record<string, unknown> = {}) {
  const dir = tempDir();
  const { server, url } = await startPreview(join(dir, 'output'), '127.0.0.1', 0);
  after(() => server.close());
  const app = await testApp(dir, { ...extra, site: { url } });
  return { app, ingest: new Ingest(app.store, app.rules()), url, out: join(dir, 'output') };
}

async function pull(b: AppContext) {
  await pullSources({ store: b.store, mesh: b.config.mesh, rules: b.rules() }, { all: true });
  await renderSite(b);
}

const alice = { id: 'alice', display: 'Alice' };
const bob = { id: 'bob', display: 'Bob' };
const carol = { id: 'carol', display: 'Carol' };
const dave = { id: 'dave', display: 'Dave' };

test('issue 16: votes on followed posts sort the mesh timeline, and go with the post and the voter', async () => {
  const a = await site();
  await a.ingest.handle(ev.join(alice));
  for (const text of ['Good one', 'Split one', 'Bad one', 'Nobody voted'])
    await a.ingest.handle(ev.dm(alice, `post ${text}`));
  await renderSite(a.app, { full: true });

  const b = await site({ mesh: { allowPrivateAddresses: true } });
  for (const who of [bob, carol, dave]) await b.ingest.handle(ev.join(who));
  await b.app.store.sources.add(a.url.replace(/\/?$/, '/'), 'cli');
  await pull(b.app);
  const urls = new Map(
    (await b.app.store.db.all<{ text: string; url: string }>('SELECT text, url FROM remote_posts')).map(
      (r) => [r.text, r.url] as const,
    ),
  );
  const url = (text: string) => urls.get(text)!;
  assert.match(url('Good one'), /^http:\/\/127\.0\.0\.1:\d+\/posts\/\d+-good-one\.html$/);

  for (const [who, text] of [
    [bob, `up ${url('Good one')}`],
    [carol, `up ${url('Good one')}`],
    [dave, `star ${url('Good one')}`],
    [bob, `up ${url('Split one')}`],
    [carol, `down ${url('Split one')}`],
    [bob, `down ${url('Bad one')}`],
    [carol, `down ${url('Bad one')}`],
    [dave, `down ${url('Bad one')}`],
    [dave, `down ${url('Bad one')}`],
    [dave, `up ${a.url.replace(/\/$/, '')}/posts/999-nothing.html`],
    [dave, 'up https://elsewhere.example/p/1'],
  ] as const)
    await b.ingest.handle(ev.dm(who, text));
  const dms = (await b.app.store.peekDms(Date.now() + 60_000, 100)).map((d) => d.payload);
  assert.deepEqual(
    dms
      .filter((d) => d.to === 'dave')
      .map((d) => d.text)
      .slice(1),
    [
      'Starred it.',
      'Voted it down.',
      'You voted that way on it already.',
      // An address of a post there that this site does not have is not followed here.
      `No post this site follows is at ${a.url.replace(/\/$/, '')}/posts/999-nothing.html.`,
      'No post this site follows is at https://elsewhere.example/p/1.',
    ],
  );
  await renderSite(b.app);
  const read = (path: string) => readFileSync(join(b.out, path), 'utf8');
  const order = (path: string) =>
    [...read(path).matchAll(/<div class="body" dir="auto"><p>([^<]+)</g)].map((m) => m[1]!.trim());
  assert.match(read('mesh/index.html'), /<nav class="sorts" aria-label="Order"><a href="\/mesh\/index.html"/);
  assert.match(read('mesh/index.html'), /★ 1<\/span> <span class="votes" title="votes up and down">▲ 2 ▼ 0/);
  assert.deepEqual(order('mesh/best/index.html'), ['Good one', 'Split one', 'Bad one']);
  assert.deepEqual(order('mesh/worst/index.html'), ['Bad one', 'Split one', 'Good one']);
  assert.equal(order('mesh/controversial/index.html')[0], 'Split one');
  assert.deepEqual(order('mesh/hot/index.html'), ['Good one', 'Split one', 'Bad one']);
  // Their author's page here sorts the same posts.
  const authorDir = `mesh/${new URL(a.url).host.replace(':', '-')}/alice/`;
  assert.deepEqual(order(`${authorDir}best/index.html`), ['Good one', 'Split one', 'Bad one']);
  // The site's own timelines have nothing to sort.
  assert.equal(existsSync(join(b.out, 'best/index.html')), false);

  // The post goes at its origin: it leaves the sorted views on the next pull.
  const bad = (await a.app.store.db.get<{ id: number }>("SELECT id FROM posts WHERE text = 'Bad one'"))!.id;
  await a.ingest.handle(ev.dm(alice, `delete ${bad}`));
  await renderSite(a.app);
  await pull(b.app);
  assert.deepEqual(order('mesh/worst/index.html'), ['Split one', 'Good one']);

  // A voter who forgets takes their stars and votes along.
  await b.ingest.handle(ev.dm(dave, 'forget yes'));
  await b.ingest.handle(ev.dm(carol, 'forget yes'));
  await renderSite(b.app);
  assert.doesNotMatch(read('mesh/index.html'), /★/);
  assert.match(read('mesh/index.html'), /▲ 1 ▼ 0/);
  // Bob's up vote is all each has now: equal, so the newer comes first.
  assert.deepEqual(order('mesh/best/index.html'), ['Split one', 'Good one']);

  // With no star or vote left, the sorted views go.
  for (const text of [`unvote ${url('Good one')}`, `unvote ${url('Split one')}`])
    await b.ingest.handle(ev.dm(bob, text));
  await renderSite(b.app);
  assert.equal(existsSync(join(b.out, 'mesh/hot/index.html')), false);
  assert.doesNotMatch(read('mesh/index.html'), /class="sorts"/);
});
