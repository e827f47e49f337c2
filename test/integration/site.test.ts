// The site as files: deterministic bytes, stable archive pages, work that follows the change.
import type { WorkerJob } from '../../src/app/render-worker.ts';
import { startWorker } from '../../src/app/worker-start.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { archivePagePath } from '../../src/core/paths.ts';
import { join } from 'node:path';
import { corpus } from '../../bench/corpus.ts';
import { importFile } from '../../src/cli/import.ts';
import { renderSite } from '../../src/app/context.ts';
import { SiteBuilder } from '../../src/app/build.ts';
import { PageRenderer } from '../../src/render/pages.ts';
import { Ingest } from '../../src/core/ingest.ts';
import { snapshotDir, tempDir, testApp } from '../helpers.ts';

async function corpusApp(posts: number, pageSize = 5) {
  const dir = tempDir();
  const app = await testApp(dir, { site: { pageSize, feedSize: 5 } });
  const file = join(dir, 'events.jsonl');
  writeFileSync(
    file,
    [...corpus({ posts, people: 4, rooms: 2, seed: 7 })].map((e) => JSON.stringify(e)).join('\n') + '\n',
  );
  const s = await importFile(app, file, { enableRooms: true });
  assert.equal(s.bad.length, 0);
  await renderSite(app, { full: true });
  return { dir, app, out: join(dir, 'output') };
}

test('same database, same bytes', async () => {
  const { dir, app, out } = await corpusApp(60);
  const first = snapshotDir(out);
  assert.ok(first.size > 60);
  // The same database copied elsewhere renders to the same bytes in a fresh folder.
  await app.close();
  const dir2 = tempDir();
  copyFileSync(join(dir, 'meshline.db'), join(dir2, 'meshline.db'));
  // And its key: the feeds' signatures are the key's too.
  copyFileSync(join(dir, 'site-key.pem'), join(dir2, 'site-key.pem'));
  const app2 = await testApp(dir2, { site: { pageSize: 5, feedSize: 5 } });
  const r = await renderSite(app2, { full: true });
  assert.equal(r.written, first.size);
  assert.deepEqual(snapshotDir(join(dir2, 'output')), first);
  // And a second full render writes nothing.
  assert.equal((await renderSite(app2, { full: true })).written, 0);
});

test('issue 18: a full render with no worker thread (they failed to start) writes the same bytes', async () => {
  const { dir, app, out } = await corpusApp(60);
  const first = snapshotDir(out);
  await app.close();
  const dir2 = tempDir();
  copyFileSync(join(dir, 'meshline.db'), join(dir2, 'meshline.db'));
  copyFileSync(join(dir, 'site-key.pem'), join(dir2, 'site-key.pem'));
  const app2 = await testApp(dir2, { site: { pageSize: 5, feedSize: 5 } });
  app2.builder.threads = 0;
  const r = await renderSite(app2, { full: true });
  assert.equal(r.written, first.size);
  assert.deepEqual(snapshotDir(join(dir2, 'output')), first);
  await app2.close();
});

test('issue 18: a render worker stopped before its job ends; its run fails', { timeout: 10_000 }, async () => {
  const worker = startWorker();
  worker.stop();
  await assert.rejects(
    worker.run({} as WorkerJob, () => undefined),
    /render worker (exited|ended)/,
  );
});

test('issue 18: archive pages made from the cards a full render kept are the pages made from the posts', async () => {
  const { app, out } = await corpusApp(40);
  // A hidden post is on no page: listing pages by id from the timelines leaves it out too.
  await app.store.db.run('UPDATE posts SET hidden = 1 WHERE id = 7');
  await renderSite(app, { full: true });
  const reader = app.store.reader;
  await reader.refresh();
  app.pages.newRender();
  let pages = 0;
  for (const meta of await reader.allTimelines()) {
    for (let page = 1; page <= Math.ceil(meta.lastSeq / 5); page++) {
      const { posts } = await reader.range(meta.key, (page - 1) * 5 + 1, page * 5);
      const file = readFileSync(join(out, archivePagePath(meta.dir, page)), 'utf8');
      assert.equal(file, app.pages.archivePage(meta, page, posts), `${meta.dir}page ${page}`);
      assert.doesNotMatch(file, /id="post-7"/);
      pages++;
    }
  }
  assert.ok(pages > 20, `${pages} archive pages`);
  await app.close();
});

test('issue 18: the compiled templates write every page of a site as nunjucks writes it', async () => {
  const { dir, app, out } = await corpusApp(60);
  // Without loading the rest of nunjucks: its runtime, filters and globals are all they use.
  assert.equal((app.pages as unknown as { host: { made(): boolean } }).host.made(), false);
  const compiled = snapshotDir(out);
  const pages = new PageRenderer({ ...app.pages.opts, nunjucksOnly: true });
  pages.since = app.pages.since;
  const plain = join(dir, 'plain');
  const r = await new SiteBuilder(app.store, pages, plain, app.identity).renderFull();
  assert.equal(r.failed.length, 0);
  assert.equal(r.written, compiled.size);
  assert.deepEqual(snapshotDir(plain), compiled);
  await app.close();
});

test('a full render repairs drift in the site folder', async () => {
  const { app, out } = await corpusApp(20);
  const before = snapshotDir(out);
  rmSync(join(out, 'index.html'));
  writeFileSync(join(out, 'feed.xml'), 'tampered');
  writeFileSync(join(out, 'stray.html'), 'not ours');
  const r = await renderSite(app, { full: true });
  assert.equal(r.written, 2);
  const after = snapshotDir(out);
  after.delete('stray.html'); // unknown files are left alone: the folder may hold the operator's own files
  assert.deepEqual(after, before);
});

test('regression: a new post changes only the newest page of each timeline it is on', async () => {
  const { app, out } = await corpusApp(40);
  const before = snapshotDir(out);
  const ingest = new Ingest(app.store, app.rules());
  const who = { id: 'user1@example.org', display: 'Person 1', verified: true };
  const r = await ingest.handle({
    kind: 'message',
    network: 'bench',
    account: 'bot',
    sender: who,
    at: Date.UTC(2030, 0, 1),
    room: { id: 'room0' },
    text: 'a fresh one #newtag',
    msgId: 'fresh',
  });
  assert.equal(r.result, 'posted');
  const summary = await renderSite(app);
  assert.equal(summary.full, false);
  const after = snapshotDir(out);
  const changed = [...after]
    .filter(([p, h]) => before.get(p) !== h)
    .map(([p]) => p)
    .sort();
  assert.equal(summary.written, changed.length);
  const homePages = changed.filter((p) => /^page\/\d+\.html$/.test(p));
  const lastHome = Math.max(
    ...[...before.keys()].filter((p) => /^page\/\d+\.html$/.test(p)).map((p) => Number(/\d+/.exec(p)![0])),
  );
  for (const p of homePages) assert.ok(Number(/\d+/.exec(p)![0]) >= lastHome, `older home page ${p} changed`);
  assert.ok(changed.some((p) => p.startsWith('posts/') && p.includes('a-fresh-one-newtag')));
  for (const f of ['index.html', 'feed.xml', 'atom.xml', 'feed.json', 'tags/newtag/index.html', 'tags/index.html'])
    assert.ok(changed.includes(f), f);
  // Each timeline's JSON Feed has its signature, and the person's timeline a twtxt file (issue 14). A new tag changes
  // the list of feeds and the sitemap of pages (issue 17).
  assert.ok(changed.includes('sitemaps/pages.xml'));
  // It is the first post of a month (2030): each of its timelines' month pages gains it (issue 17).
  const months = changed.filter((p) => p.endsWith('months.html'));
  assert.deepEqual(months, [
    'months.html',
    'people/person1/months.html',
    'rooms/room0/months.html',
    'tags/newtag/months.html',
  ]);
  assert.ok(changed.length - months.length <= 30, `${changed.length} files changed: ${changed.join(' ')}`);
  // Its share of the search index, sitemap and network timeline waits for its batch (site.batchSeconds): the shards
  // of the post's words, its bucket of summaries (issue 16), its sitemap file and its network's head (issue 17).
  assert.equal(changed.filter((p) => p.startsWith('search/') || p.startsWith('sitemaps/posts-')).length, 0);
  const batch = await renderSite(app, { retryNow: true });
  const after2 = snapshotDir(out);
  const batched = [...after2].filter(([p, h]) => after.get(p) !== h).map(([p]) => p);
  assert.equal(batch.written, batched.length);
  assert.deepEqual(batched.sort(), [
    'networks/bench/atom.xml',
    'networks/bench/feed.json',
    'networks/bench/feed.xml',
    'networks/bench/index.html',
    'networks/bench/page/8.html',
    'networks/bench/page/9.html',
    'search/d/0.json',
    'search/t/6672.json',
    'search/t/6e65.json',
    'search/t/6f6e.json',
    'sitemaps/posts-0.xml',
  ]);
  // Deleting an old post touches its own pages, not the newer ones.
  const oldest = (await app.store.db.get<{ id: number }>('SELECT min(id) AS id FROM posts'))!.id;
  await app.store.write(async (tx) => {
    const { removePost } = await import('../../src/core/publish-post.ts');
    await removePost(tx, oldest, app.rules());
  });
  const before2 = snapshotDir(out);
  await renderSite(app);
  const changed2 = [...snapshotDir(out)].filter(([p, h]) => before2.get(p) !== h).map(([p]) => p);
  assert.ok(changed2.includes('page/1.html'));
  assert.ok(!changed2.includes('page/2.html'), 'page 2 did not move');
  assert.ok(!existsSync(join(out, [...before2.keys()].find((p) => p.startsWith(`posts/${oldest}-`))!)));
});

test('issue 18: a post on a known tag writes at most 25 files at once; the tags list waits', async () => {
  const { app, out } = await corpusApp(60);
  const ingest = new Ingest(app.store, app.rules());
  const who = { id: 'user1@example.org', display: 'Person 1', verified: true };
  const say = (text: string, day: number) =>
    ingest.handle({
      kind: 'message',
      network: 'bench',
      account: 'bot',
      sender: who,
      at: Date.UTC(2030, 0, day),
      room: { id: 'room0' },
      text,
      msgId: `known-${day}`,
    });
  await say('the first of its kind #known', 1);
  await renderSite(app, { retryNow: true });
  const before = snapshotDir(out);
  await say('another one #known @person2', 2);
  const summary = await renderSite(app);
  const changed = [...snapshotDir(out)].filter(([p, h]) => before.get(p) !== h).map(([p]) => p);
  assert.equal(summary.written, changed.length);
  assert.ok(changed.length <= 25, `${changed.length} files changed: ${changed.join(' ')}`);
  assert.ok(changed.includes('tags/known/feed.json.sig') && changed.includes('people/person1/feed.json.sig'));
  assert.ok(!changed.includes('tags/index.html'), 'the count of a known tag waits for the batch');
  const batch = await renderSite(app, { retryNow: true });
  assert.ok(batch.written > 0);
  const after = snapshotDir(out);
  assert.notEqual(after.get('tags/index.html'), before.get('tags/index.html'));
  // Only what another site can follow is signed (src/mesh/pull.ts): the site, a person, a tag.
  const signed = [...after.keys()].filter((p) => p.endsWith('.sig'));
  assert.ok(signed.includes('feed.json.sig'));
  assert.deepEqual(
    signed.filter((p) => !/^(feed\.json|(people|tags)\/[^/]+\/feed\.json)\.sig$/.test(p)),
    [],
  );
  await app.close();
});
