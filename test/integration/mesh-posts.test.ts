// Issue 14: posts of a followed Meshline site, pulled over HTTP into another: stored with their origin, shown on the
// mesh timeline and their authors' pages there (never as local, never in the site's own feeds), edited and removed
// as the origin's feed changes; mentions of people here become notices; blocking and unfollowing remove them.
import { test, after } from 'node:test';
import { PassThrough } from 'node:stream';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSite, type AppContext } from '../../src/app/context.ts';
import { Runtime } from '../../src/app/runtime.ts';
import { Ingest } from '../../src/core/ingest.ts';
import { meshRenders, pullSources } from '../../src/mesh/job.ts';
import { startPreview } from '../../src/site/preview.ts';
import { ev, tempDir, testApp, until } from '../helpers.ts';

/** A site served over HTTP by its preview server, where its site.url says. */
async function site(extra: Record<string, unknown> = {}) {
  const dir = tempDir();
  const { server, url } = await startPreview(join(dir, 'output'), '127.0.0.1', 0);
  after(() => server.close());
  const app = await testApp(dir, { ...extra, site: { url, ...(extra.site as object | undefined) } });
  const ingest = new Ingest(app.store, app.rules());
  return { app, ingest, url, host: new URL(url).host, out: join(dir, 'output') };
}

const mesh = (more: Record<string, unknown> = {}) => ({ mesh: { allowPrivateAddresses: true, ...more } });

async function pull(b: AppContext) {
  const s = await pullSources({ store: b.store, mesh: b.config.mesh, rules: b.rules() }, { all: true });
  await renderSite(b);
  return s;
}

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');

test('issue 14: followed posts are stored with their origin, shown apart, edited and removed as it says', async () => {
  const a = await site();
  const alice = { id: 'alice', display: 'Alice' };
  const bob = { id: 'bob', display: 'Bob' };
  for (const e of [ev.join(alice), ev.join(bob), ev.dm(alice, 'post Sowing beans #garden'), ev.dm(bob, 'post Hi')])
    await a.ingest.handle(e);
  await renderSite(a.app, { full: true });

  const b = await site(mesh());
  const carol = { id: 'carol', display: 'Carol' };
  await b.ingest.handle(ev.join(carol));
  await b.ingest.handle(ev.dm(carol, 'post Carol here'));
  await b.app.store.sources.add(a.url.replace(/\/?$/, '/'), 'cli');
  const first = await pull(b.app);
  assert.deepEqual([first.changed, first.added, first.failed, first.refused], [1, 2, 0, 0]);

  const meshPage = read(b.out, 'mesh/index.html');
  assert.match(meshPage, /Sowing beans/);
  assert.match(meshPage, /from <a href="[^"]*\/people\/alice\/index.html" rel="nofollow ugc noopener">127\.0\.0\.1/);
  // Its tag links to the tag's page on the site it came from, not to a page here that does not exist.
  assert.match(meshPage, new RegExp(`href="${a.url.replace(/\/?$/, '/')}tags/garden/index.html"`));
  const hostDir = a.host.replace(':', '-');
  const alicePage = read(b.out, `mesh/${hostDir}/alice/index.html`);
  assert.match(alicePage, /Alice \(@alice@127\.0\.0\.1:\d+\)/);
  assert.match(alicePage, /Followed from <a href="[^"]*\/people\/alice\/index.html"/);
  // Never as local: not on the home timeline (off by default), not in the site's feeds, no page under posts/.
  assert.doesNotMatch(read(b.out, 'index.html'), /Sowing beans/);
  assert.match(read(b.out, 'index.html'), /href="\/mesh\/index.html">From the mesh</);
  assert.doesNotMatch(read(b.out, 'feed.json'), /Sowing beans/);
  assert.doesNotMatch(read(b.out, 'people/index.html'), /alice/);
  const wellKnown = JSON.parse(read(b.out, '.well-known/meshline.json')) as { people: { handle: string }[] };
  assert.deepEqual(
    wellKnown.people.map((p) => p.handle),
    ['carol'],
  );

  // Unchanged: nothing fetched but a 304, nothing stored again.
  const same = await pull(b.app);
  assert.deepEqual([same.unchanged, same.added, same.edited, same.removed], [1, 0, 0, 0]);

  // An edit and a deletion at the origin follow.
  const ids = await a.app.store.db.all<{ id: number; text: string }>('SELECT id, text FROM posts ORDER BY id');
  const beans = ids.find((p) => p.text.startsWith('Sowing'))!.id;
  const hi = ids.find((p) => p.text === 'Hi')!.id;
  await a.ingest.handle(ev.dm(alice, `edit ${beans} Sowing broad beans #garden`));
  await a.ingest.handle(ev.dm(bob, `delete ${hi}`));
  await renderSite(a.app);
  const changed = await pull(b.app);
  assert.deepEqual([changed.edited, changed.removed], [1, 1]);
  const after1 = read(b.out, 'mesh/index.html');
  assert.match(after1, /Sowing broad beans/);
  assert.match(after1, /\(edited\)/);
  assert.doesNotMatch(after1, />Hi</);

  // A post there mentioning carol here reaches her as a notice, and links to her page here.
  await a.ingest.handle(ev.dm(alice, `post Welcome @carol@${b.host}, and @nobody@${b.host}`));
  await renderSite(a.app);
  const mention = await pull(b.app);
  assert.equal(mention.notices, 1);
  const dms = await b.app.store.peekDms(Date.now() + 1, 10);
  const notice = dms.map((d) => d.payload).find((d) => d.to === 'carol' && /mentioned you/.test(d.text));
  assert.ok(notice, JSON.stringify(dms.map((d) => d.payload.text)));
  assert.match(notice.text, /^Alice \(@alice@127\.0\.0\.1:\d+\) mentioned you: "Welcome @carol@/);
  assert.match(read(b.out, 'mesh/index.html'), /<a href="\/people\/carol\/index.html" class="mention">@carol@127/);

  // Unfollowing removes what only that source brought.
  const gone = await b.app.store.mesh.dropSource(a.url.replace(/\/?$/, '/'), meshRenders(50));
  assert.equal(gone.removed, 2);
  await renderSite(b.app);
  assert.equal(existsSync(join(b.out, 'mesh/index.html')), false);
  assert.equal(existsSync(join(b.out, `mesh/${hostDir}/alice/index.html`)), false);
  assert.doesNotMatch(read(b.out, 'index.html'), /From the mesh/);
});

test('issue 14: blocked people are left out and removed; mesh.homeTimeline shows followed posts on home', async () => {
  const a = await site();
  const alice = { id: 'alice', display: 'Alice' };
  const bob = { id: 'bob', display: 'Bob' };
  for (const e of [ev.join(alice), ev.join(bob), ev.dm(alice, 'post From Alice'), ev.dm(bob, 'post From Bob')])
    await a.ingest.handle(e);
  await renderSite(a.app, { full: true });

  // Bob is blocked only after his post was kept: the next pull removes it, and his page.
  const b = await site(mesh({ homeTimeline: true }));
  await b.app.store.sources.add(a.url.replace(/\/?$/, '/'), 'cli');
  assert.equal((await pull(b.app)).added, 2);
  const bobPage = join(b.out, `mesh/${a.host.replace(':', '-')}/bob/index.html`);
  assert.equal(existsSync(bobPage), true);
  (b.app.config.mesh.block as string[]).push(`@bob@${a.host}`);
  await a.ingest.handle(ev.dm(bob, 'post Bob again'));
  await renderSite(a.app);
  const s = await pull(b.app);
  assert.deepEqual([s.added, s.removed], [0, 1]);
  assert.equal(existsSync(bobPage), false);
  const home = read(b.out, 'index.html');
  assert.match(home, /From Alice/);
  assert.doesNotMatch(home, /From Bob/);
  // On home, still marked as from elsewhere, and still not in the site's own feeds.
  assert.match(home, /class="origin">from <a/);
  assert.doesNotMatch(read(b.out, 'feed.json'), /From Alice/);
  assert.doesNotMatch(read(b.out, 'feed.xml'), /From Alice/);
});

test('issue 14: a friend follows by direct message; the running site pulls it on its own and can stop', async () => {
  const a = await site();
  const alice = { id: 'alice', display: 'Alice' };
  for (const e of [ev.join(alice), ev.dm(alice, 'post Hello from A')]) await a.ingest.handle(e);
  await renderSite(a.app, { full: true });

  const dir = tempDir();
  const b = await testApp(dir, { ...mesh(), console: { handle: 'sam', name: 'Sam' } });
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (d) => (printed += d.toString()));
  const pulls: number[] = [];
  const runtime = new Runtime(b, { input, output, quit: () => undefined }, { pulled: (s) => pulls.push(s.added) });
  await runtime.start();
  try {
    await until('the welcome', () => printed.includes('Welcome, @sam'));
    input.write(`/dm follow ${a.url}\n`);
    await until('the answer', () => printed.includes('its posts show on the mesh page'));
    const page = await until('the mesh page', () => {
      try {
        return read(join(dir, 'output'), 'mesh/index.html');
      } catch {
        return undefined;
      }
    });
    assert.match(page, /Hello from A/);
    assert.ok(pulls.includes(1), `pulls: ${pulls}`);
    // Who followed it hears of its new posts, in the next round of notices.
    assert.equal(await runtime.sendDigests(), 1);
    await until('the digest', () =>
      printed.includes(`New from what you follow: Alice (@alice@${a.host}): "Hello from A"`),
    );
    input.write('/dm following\n');
    await until('the list', () => printed.includes(`This site follows: ${a.url.replace(/\/?$/, '/')}.`));
    input.write('/dm follow nonsense\n');
    await until('the refusal', () => printed.includes('is not a source'));
    input.write(`/dm unfollow ${a.url}\n`);
    await until('unfollowed', () => printed.includes('No longer following'));
    await until('the mesh page gone', () => !existsSync(join(dir, 'output', 'mesh/index.html')));
  } finally {
    await runtime.stop();
  }
});

test('issue 14: a reply across sites keeps its thread both ways, and tells the one answered', async () => {
  const a = await site(mesh());
  const b = await site(mesh());
  const alice = { id: 'alice', display: 'Alice' };
  const carol = { id: 'carol', display: 'Carol' };
  for (const e of [ev.join(alice), ev.dm(alice, 'post What are you growing?')]) await a.ingest.handle(e);
  await b.ingest.handle(ev.join(carol));
  await renderSite(a.app, { full: true });
  await renderSite(b.app, { full: true });
  const aRoot = a.url.replace(/\/?$/, '/');
  const bRoot = b.url.replace(/\/?$/, '/');
  await b.app.store.sources.add(aRoot, 'cli');
  await a.app.store.sources.add(bRoot, 'cli');
  await pull(b.app);

  // Carol answers Alice's post by its address, from B.
  const asked = JSON.parse(read(a.out, 'feed.json')) as { items: { url: string }[] };
  const question = asked.items[0]!.url;
  await b.ingest.handle(ev.dm(carol, `reply ${question} Tomatoes!`));
  await renderSite(b.app);
  const bPage = read(b.out, 'people/carol/index.html');
  assert.ok(bPage.includes(`in reply to <a href="${question}" rel="nofollow ugc noopener">@alice@${a.host}</a>`));
  const bFeed = JSON.parse(read(b.out, 'feed.json')) as { items: { _meshline: { in_reply_to?: string } }[] };
  assert.equal(bFeed.items[0]!._meshline.in_reply_to, question);

  // A pulls B: the answer is shown in reply to Alice's post here, and Alice is told.
  const s = await pull(a.app);
  assert.equal(s.notices, 1);
  const questionPath = new URL(question).pathname;
  assert.ok(read(a.out, 'mesh/index.html').includes(`in reply to <a href="${questionPath}">@alice</a>`));
  const told = (await a.app.store.peekDms(Date.now() + 1, 10)).map((d) => d.payload.text);
  assert.ok(
    told.some((t) => t.startsWith(`Carol (@carol@${b.host}) replied to you: "Tomatoes!"`)),
    told.join('\n'),
  );

  // Alice answers back, by number of the post on B as A shows it: her post on A, its answer shown on B.
  const answer = (JSON.parse(read(b.out, 'feed.json')) as { items: { url: string }[] }).items[0]!.url;
  await a.ingest.handle(ev.dm(alice, `reply ${answer} Lovely`));
  await renderSite(a.app);
  await pull(b.app);
  assert.ok(read(b.out, 'mesh/index.html').includes(`in reply to <a href="${new URL(answer).pathname}">@carol</a>`));
  // A reply to a post here by its number, and a target that is neither, are answered plainly.
  await a.ingest.handle(ev.dm(alice, 'reply 999 Hm'));
  await a.ingest.handle(ev.dm(alice, 'reply nonsense Hm'));
  const said = (await a.app.store.peekDms(Date.now() + 1, 50)).map((d) => d.payload.text);
  assert.ok(said.includes('There is no post #999.'), said.join('\n'));
  assert.ok(
    said.some((t) => t.startsWith('Usage: reply ID|URL|P<n> TEXT')),
    said.join('\n'),
  );
});

test('issue 14: forget and delete reach copies on following sites, even of posts long gone from the feed', async () => {
  const a = await site({ site: { feedSize: 2 } });
  const alice = { id: 'alice', display: 'Alice' };
  const bob = { id: 'bob', display: 'Bob' };
  await a.ingest.handle(ev.join(alice));
  await a.ingest.handle(ev.join(bob));
  for (const t of ['one', 'two']) await a.ingest.handle(ev.dm(alice, `post Alice ${t}`));
  await renderSite(a.app, { full: true });
  const b = await site(mesh());
  await b.app.store.sources.add(a.url.replace(/\/?$/, '/'), 'cli');
  await b.app.store.sources.add(`@alice@${a.host}`, 'cli');
  await pull(b.app);
  // Two more: the first two scroll off every feed of A, and B keeps them.
  for (const t of ['three', 'four']) await a.ingest.handle(ev.dm(alice, `post Alice ${t}`));
  await a.ingest.handle(ev.dm(bob, 'post Bob stays'));
  await renderSite(a.app);
  await pull(b.app);
  const page = () => read(b.out, 'mesh/index.html');
  for (const t of ['one', 'two', 'three', 'four']) assert.match(page(), new RegExp(`Alice ${t}`));

  // Deleting the oldest: the feeds of its timelines name it as removed (by number only), and B follows.
  const first = (await a.app.store.db.get<{ id: number }>("SELECT id FROM posts WHERE text = 'Alice one'"))!.id;
  await a.ingest.handle(ev.dm(alice, `delete ${first}`));
  await renderSite(a.app);
  const feed = JSON.parse(read(a.out, 'feed.json')) as { _meshline?: { removed: number[] } };
  assert.deepEqual(feed._meshline?.removed, [first]);
  assert.doesNotMatch(read(a.out, 'feed.json'), /Alice one/);
  assert.equal((await pull(b.app)).removed, 1);
  assert.doesNotMatch(page(), /Alice one/);

  // Forget: everything of hers goes from A, and from B at its next pull, through either source.
  await a.ingest.handle(ev.dm(alice, 'forget'));
  await a.ingest.handle(ev.dm(alice, 'forget yes'));
  await renderSite(a.app);
  const gone = await pull(b.app);
  assert.equal(gone.removed, 3);
  assert.doesNotMatch(page(), /Alice/);
  assert.match(page(), /Bob stays/);
  assert.equal(existsSync(join(b.out, `mesh/${a.host.replace(':', '-')}/alice/index.html`)), false);
  const row = (await b.app.store.sources.list()).find((s) => s.id === `@alice@${a.host}`)!;
  assert.match(row.result!, /has nobody called @alice/);
});
