// Issue 17: what every site has. A 404 page (served by the preview with status 404), an icon, robots.txt, sitemaps
// split by post id and kept incremental, an OPML list of every feed, descriptions and OpenGraph tags, feeds linked
// from every page, titles that do not repeat the site's name, a front page whose "Older" repeats none of its posts,
// and a new post's batch of search and sitemap files rendered by the running site when due.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderSite } from '../../src/app/context.ts';
import { Runtime } from '../../src/app/runtime.ts';
import { Ingest } from '../../src/core/ingest.ts';
import type { ChatEvent } from '../../src/core/types.ts';
import { startPreview } from '../../src/site/preview.ts';
import { Db } from '../../src/store/db.ts';
import { ev, tempDir, testApp, tick, TINY_PNG, until } from '../helpers.ts';

const alice = { id: 'alice', display: 'Alice' };
const bob = { id: 'bob', display: 'Bob' };

async function site(posts: number, pageSize = 5) {
  const dir = tempDir();
  const app = await testApp(dir, { site: { pageSize, title: 'Garden Club', description: 'What the club grows.' } });
  const ingest = new Ingest(app.store, app.rules());
  for (const who of [alice, bob]) await ingest.handle(ev.join(who));
  for (let i = 1; i <= posts; i++) await ingest.handle(ev.dm(i % 2 ? alice : bob, `post Note ${i} #garden`));
  await renderSite(app, { full: true });
  const out = join(dir, 'output');
  const read = (p: string) => readFileSync(join(out, p), 'utf8');
  return { app, ingest, out, read, dir };
}

const xml = new XMLParser({ ignoreAttributes: false });

test('issue 17: 404 page, icon, robots.txt, sitemaps and the OPML list of feeds', async () => {
  const { app, ingest, out, read } = await site(12);
  assert.match(read('404.html'), /<h1>Page not found<\/h1>/);
  assert.match(read('favicon.svg'), /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.equal(read('robots.txt'), 'User-agent: *\nAllow: /\nSitemap: https://status.example.org/sitemap.xml\n');
  for (const f of ['sitemap.xml', 'sitemaps/pages.xml', 'sitemaps/posts-0.xml', 'feeds.opml'])
    assert.equal(XMLValidator.validate(read(f)), true, f);
  const index = xml.parse(read('sitemap.xml')).sitemapindex.sitemap;
  assert.deepEqual(
    index.map((s: { loc: string }) => s.loc),
    ['https://status.example.org/sitemaps/pages.xml', 'https://status.example.org/sitemaps/posts-0.xml'],
  );
  const posts = xml.parse(read('sitemaps/posts-0.xml')).urlset.url as { loc: string; lastmod: string }[];
  assert.equal(posts.length, 12);
  assert.match(posts[0]!.loc, /^https:\/\/status\.example\.org\/posts\/1-note-1-garden\.html$/);
  assert.match(posts[0]!.lastmod, /^2026-\d\d-\d\dT/);
  const pages = (xml.parse(read('sitemaps/pages.xml')).urlset.url as { loc: string }[]).map((u) => u.loc);
  for (const p of ['index.html', 'people/alice/index.html', 'tags/garden/index.html'])
    assert.ok(pages.includes(`https://status.example.org/${p}`), p);
  const opml = xml.parse(read('feeds.opml')).opml;
  assert.equal(opml.body.outline[0]['@_xmlUrl'], 'https://status.example.org/feed.xml');
  const groups = opml.body.outline.slice(1).map((g: { '@_text': string }) => g['@_text']);
  assert.deepEqual(groups, ['People', 'Tags']);
  // Every chunk of 1,000 post ids is its own file; the index lists the chunks there are.
  // Moved on by another connection, as a site with a long past would be: Meshline sees the change and follows it.
  const other = await Db.open(app.store.location);
  await other.run("UPDATE sqlite_sequence SET seq = 1500 WHERE name = 'posts'");
  await other.close();
  await ingest.handle(ev.dm(alice, 'post Far along'));
  await renderSite(app, { retryNow: true });
  assert.match(read('sitemaps/posts-1.xml'), /posts\/1501-far-along\.html/);
  assert.match(read('sitemap.xml'), /sitemaps\/posts-1\.xml/);
  // Deleted, the post leaves its sitemap at once (its address says words of its text); the chunk, empty, goes.
  await ingest.handle(ev.dm(alice, 'delete 1501'));
  await renderSite(app);
  assert.equal(existsSync(join(out, 'sitemaps/posts-1.xml')), false);
  assert.doesNotMatch(read('sitemap.xml'), /posts-1\.xml/);
  // The preview serves the site's own 404 page with status 404.
  const { server, url } = await startPreview(out, '127.0.0.1', 0);
  try {
    const res = await fetch(new URL('posts/999-nothing.html', url));
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await res.text(), /Page not found/);
    const opmlRes = await fetch(new URL('feeds.opml', url));
    assert.match(opmlRes.headers.get('content-type') ?? '', /^text\/x-opml/);
  } finally {
    server.close();
  }
});

test('issue 17: descriptions, OpenGraph, feeds linked from every page, the site name once in titles', async () => {
  const { read } = await site(12);
  const head = (p: string) => read(p).slice(0, read(p).indexOf('</head>'));
  for (const p of [
    'index.html',
    'page/1.html',
    'people/index.html',
    'tags/index.html',
    'search/index.html',
    'posts/1-note-1-garden.html',
    'people/alice/index.html',
    '404.html',
  ]) {
    const h = head(p);
    assert.match(h, /<meta name="description" content="[^"]+">/, p);
    assert.match(h, /<meta property="og:title" content="[^"]+">/, p);
    assert.match(h, /<link rel="alternate" type="application\/rss\+xml" title="[^"]+" href="\/[^"]*feed\.xml">/, p);
    assert.match(h, /<link rel="icon" href="\/favicon\.svg" type="image\/svg\+xml">/, p);
    const title = /<title>([^<]*)<\/title>/.exec(h)![1]!;
    assert.equal(title.split('Garden Club').length - 1, 1, `${p}: ${title}`);
  }
  assert.match(head('page/1.html'), /<title>Page 1 · Garden Club<\/title>/);
  const post = head('posts/1-note-1-garden.html');
  assert.match(post, /<meta name="description" content="Note 1 #garden">/);
  assert.match(post, /<meta property="og:type" content="article">/);
  assert.match(post, /<meta property="og:url" content="https:\/\/status\.example\.org\/posts\/1-note-1-garden\.html">/);
  // A permalink offers its author's feeds.
  assert.match(post, /href="\/people\/alice\/feed\.xml"/);
  assert.match(head('index.html'), /<meta name="description" content="What the club grows\.">/);
});

test('issue 17: the front page shows whole archive pages, so "Older" leads to posts it does not show', async () => {
  const { read } = await site(12);
  const ids = (p: string) => [...read(p).matchAll(/<article[^>]*id="post-(\d+)"/g)].map((m) => Number(m[1]));
  // 12 posts in pages of 5: the front shows pages 3 and 2 (posts 12 to 6), its Older link page 1 (5 to 1).
  assert.deepEqual(ids('index.html'), [12, 11, 10, 9, 8, 7, 6]);
  assert.match(
    read('index.html'),
    /<a rel="next" href="\/page\/1\.html">Older <span aria-hidden="true">&rarr;<\/span><\/a>/,
  );
  assert.deepEqual(ids('page/1.html'), [5, 4, 3, 2, 1]);
});

test('issue 17: the running site renders a batch of search and sitemap files when due, unprompted', async () => {
  const dir = tempDir();
  const app = await testApp(dir, { site: { batchSeconds: 1 }, console: { handle: 'sam', name: 'Sam' } });
  const input = new PassThrough();
  const runtime = new Runtime(app, { input, output: new PassThrough(), quit: () => undefined });
  await runtime.start();
  try {
    input.write('/bot join\n');
    input.write('rhubarb crumble tonight\n');
    const out = join(dir, 'output');
    await until('the post on the room page', () =>
      existsSync(join(out, 'rooms/lobby/index.html'))
        ? /rhubarb/.test(readFileSync(join(out, 'rooms/lobby/index.html'), 'utf8')) || undefined
        : undefined,
    );
    await until('its word searchable', () => {
      const shard = join(out, 'search/t', `${Buffer.from('rh').toString('hex')}.json`);
      return existsSync(shard) && /"rhubarb"/.test(readFileSync(shard, 'utf8')) ? true : undefined;
    });
    assert.ok(existsSync(join(out, 'sitemaps/posts-0.xml')));
  } finally {
    await runtime.stop();
  }
});

test('issue 17: images mirrored before sizes were kept get them from the site folder', async () => {
  const { app, read, out } = await site(1);
  await app.store.db.run(
    "INSERT INTO attachments (post_id, n, kind, url, name, state, path) VALUES (1, 0, 'image', 'https://x/a.png', " +
      "'a.png', 'mirrored', 'media/1-0-aaaa.png')",
  );
  mkdirSync(join(out, 'media'), { recursive: true });
  writeFileSync(join(out, 'media/1-0-aaaa.png'), TINY_PNG);
  await renderSite(app);
  const row = await app.store.db.get<{ bytes: number; width: number; height: number }>(
    'SELECT bytes, width, height FROM attachments WHERE post_id = 1',
  );
  assert.deepEqual({ ...row }, { bytes: TINY_PNG.length, width: 1, height: 1 });
  assert.match(read('posts/1-note-1-garden.html'), /alt="a\.png" width="1" height="1"/);
  // A link preview in a chat client shows the post's image.
  const post = read('posts/1-note-1-garden.html');
  assert.match(post, /<meta property="og:image" content="https:\/\/status\.example\.org\/media\/1-0-aaaa\.png">/);
  assert.match(post, /<meta property="og:image:width" content="1">/);
  assert.match(post, /<meta name="twitter:card" content="summary_large_image">/);
  assert.ok(readdirSync(join(out, 'media')).length === 1);
});

test('issue 17: name, bio and identities by direct message; the person page shows who they are', async () => {
  const { app, ingest, read } = await site(2);
  const said: string[] = [];
  const reply = async (text: string) => {
    await ingest.handle(ev.dm(alice, text));
    const dms = await app.store.peekDms(Date.now() + 60_000, 50);
    await app.store.outboxDone(dms);
    said.push(...dms.map((d) => d.payload.text));
  };
  await ingest.handle(ev.status(alice, 'Out in the garden'));
  for (const text of [
    'name Alice Liddell',
    'bio Grows beans, <b>loudly</b>',
    'identities on',
    'bio Grows beans, <b>loudly</b>',
  ])
    await reply(text);
  assert.deepEqual(said.slice(-4), [
    'Your name is Alice Liddell now, on your page and your posts.',
    'Your bio is on your page now.',
    'Your page lists your identities now (the ones the networks vouch for).',
    'Your bio says that already.',
  ]);
  await renderSite(app);
  const page = read('people/alice/index.html');
  assert.match(page, /<h1 id="profile-name" dir="auto">Alice Liddell<\/h1>/);
  assert.match(page, /<p class="bio" dir="auto">Grows beans, &lt;b&gt;loudly&lt;\/b&gt;<\/p>/);
  assert.match(page, /<span class="badge">status<\/span> <span dir="auto">Out in the garden<\/span>/);
  assert.match(page, /2 posts · <time datetime="2026-[^"]+">Since \d+ \w+ 2026<\/time>/);
  assert.match(page, /<li>test: <span dir="auto">alice<\/span><\/li>/);
  // No avatar from the network: their initials.
  assert.match(page, /<svg class="avatar"[^>]*>.*>AL<\/text><\/svg>/);
  assert.match(page, /<meta name="description" content="Grows beans, &lt;b&gt;loudly&lt;\/b&gt;">/);
  // Their posts carry the new name, everywhere.
  assert.match(read('posts/1-note-1-garden.html'), /dir="auto">Alice Liddell<\/a>/);
  assert.match(read('people/index.html'), />Alice Liddell</);
  await reply('identities off');
  await reply('name');
  await reply('bio');
  await renderSite(app);
  const after = read('people/alice/index.html');
  assert.doesNotMatch(after, /class="identities"|class="bio"/);
  assert.match(after, /<h1 id="profile-name" dir="auto">Alice<\/h1>/);
});

test('issue 17: numbered archive pages and a month archive, both stable as posts come', async () => {
  const { app, ingest, read } = await site(0);
  for (let i = 1; i <= 40; i++) {
    // Ten posts a month, four months.
    if (i % 10 === 1) tick(31 * 86_400_000);
    await ingest.handle(ev.dm(alice, `post Entry ${i}`));
  }
  await renderSite(app, { full: true });
  const numbers = (p: string) =>
    [...(/<ol class="page-numbers">(.*?)<\/ol>/.exec(read(p))?.[1] ?? '').matchAll(/<li>(.*?)<\/li>/g)].map((m) =>
      m[1]!.replace(/<a href="[^"]*">(\d+)<\/a>/, '$1').replace(/<span aria-current="page">(\d+)<\/span>/, '[$1]'),
    );
  // 40 posts in pages of 5: the front shows page 8, and links 7, 6, 5 and the first.
  assert.deepEqual(numbers('index.html'), ['1', '&hellip;', '5', '6', '7']);
  assert.deepEqual(numbers('page/4.html'), ['1', '2', '3', '[4]', '5']);
  assert.deepEqual(numbers('page/7.html'), ['1', '&hellip;', '4', '5', '6', '[7]', '8']);
  const months = read('months.html');
  const items = [...months.matchAll(/<li><a href="([^"]+)" dir="auto">([^<]+)<\/a>/g)].map((m) => [m[2], m[1]]);
  assert.equal(items.length, 4);
  // Newest first; each month leads to the page holding its first post (posts 31, 21, 11, 1).
  assert.deepEqual(
    items.map((x) => x[1]),
    ['/page/7.html', '/page/5.html', '/page/3.html', '/page/1.html'],
  );
  assert.match(items[0]![0]!, /^\w+ 20\d\d$/);
  assert.match(read('index.html'), /<a class="months" href="\/months\.html">By month<\/a>/);
  // A post in the same month leaves the months page alone; the first of a new month adds it.
  const before = read('months.html');
  await ingest.handle(ev.dm(alice, 'post Same month'));
  await renderSite(app);
  assert.equal(read('months.html'), before);
  tick(31 * 86_400_000);
  await ingest.handle(ev.dm(alice, 'post New month'));
  await renderSite(app);
  assert.equal([...read('months.html').matchAll(/<li><a href="\/page\//g)].length, 5);
});

test('issue 17: a post lists its replies; the conversation page shows the thread; replies come and go', async () => {
  const { app, ingest, read, out } = await site(1);
  const carol = { id: 'carol', display: 'Carol' };
  await ingest.handle(ev.join(carol));
  await ingest.handle(ev.dm(bob, 'reply 1 Beans, yes'));
  const bobs = (await app.store.db.get<{ id: number }>("SELECT id FROM posts WHERE text = 'Beans, yes'"))!.id;
  await ingest.handle(ev.dm(carol, `reply ${bobs} And peas`));
  await ingest.handle(ev.dm(alice, 'reply 1 Thanks all'));
  await renderSite(app);
  const first = read('posts/1-note-1-garden.html');
  const replies = [
    ...first.matchAll(
      /<li><a href="\/people\/(\w+)\/index\.html" dir="auto">[^<]+<\/a>.*?<span dir="auto">([^<]+)<\/span><\/li>/g,
    ),
  ];
  assert.deepEqual(
    replies.map((m) => [m[1], m[2]]),
    [
      ['bob', 'Beans, yes'],
      ['alice', 'Thanks all'],
    ],
  );
  assert.match(first, /<p class="thread-link"><a href="\/threads\/1\.html">The whole conversation<\/a><\/p>/);
  assert.match(read(`posts/${bobs}-beans-yes.html`), /href="\/threads\/1\.html"/);
  const thread = read('threads/1.html');
  const order = [...thread.matchAll(/<div class="depth depth-(\d)">\s*<article[^>]*id="post-(\d+)"/g)].map((m) => [
    Number(m[1]),
    Number(m[2]),
  ]);
  const carols = bobs + 1;
  assert.deepEqual(order, [
    [0, 1],
    [1, bobs],
    [2, carols],
    [1, carols + 1],
  ]);
  // Bob deletes his reply: Carol's now answers nothing here, and the thread goes on without either.
  await ingest.handle(ev.dm(bob, `delete ${bobs}`));
  await ingest.handle(ev.dm(alice, `delete ${carols + 1}`));
  await renderSite(app);
  assert.equal(existsSync(join(out, 'threads/1.html')), false);
  assert.doesNotMatch(read('posts/1-note-1-garden.html'), /class="replies"|thread-link/);
  assert.doesNotMatch(read(`posts/${carols}-and-peas.html`), /thread-link/);
});

test('issue 17: each network has a timeline, linked from home, rendered with the batch', async () => {
  const { app, ingest, read, out } = await site(2);
  const ircBob = { id: 'bob', display: 'Bob', network: 'irc' };
  await ingest.handle(ev.join(ircBob));
  await ingest.handle(ev.dm(ircBob, 'post From IRC'));
  await renderSite(app);
  // Its network's timeline waits for the batch (site.batchSeconds); the rest of the site has it already.
  assert.doesNotMatch(
    existsSync(join(out, 'networks/irc/index.html')) ? read('networks/irc/index.html') : '',
    /From IRC/,
  );
  assert.match(read('index.html'), /From IRC/);
  await renderSite(app, { retryNow: true });
  const irc = read('networks/irc/index.html');
  assert.match(irc, /<h1 dir="auto">IRC<\/h1>/);
  assert.match(irc, /From IRC/);
  assert.doesNotMatch(irc, /Note 1/);
  assert.match(read('networks/test/index.html'), /Note 1/);
  const links = /<nav class="networks" aria-label="Networks">Networks: (.*?)<\/nav>/.exec(read('index.html'))?.[1];
  assert.equal(links, '<a href="/networks/irc/index.html">IRC</a> · <a href="/networks/test/index.html">test</a>');
  assert.match(irc, /<span class="badge network">IRC<\/span>/);
});

test('issue 17: feedparser reads mirrored images as enclosures of RSS and Atom items, with type and size', async () => {
  const { createServer } = await import('node:http');
  const http = createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(TINY_PNG));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  try {
    const dir = tempDir();
    const app = await testApp(dir, { media: { allowPrivateAddresses: true } });
    const ingest = new Ingest(app.store, app.rules());
    await ingest.handle(ev.join(alice));
    await app.store.ensureRoom('test', 'den', 'Den', true, 'opted-in');
    const url = `http://127.0.0.1:${(http.address() as { port: number }).port}/beans.png`;
    await ingest.handle({
      ...ev.say(alice, 'den', 'the beans'),
      attachments: [{ kind: 'image', url, name: 'beans.png' }],
    } as ChatEvent);
    await renderSite(app);
    const out = join(dir, 'output');
    const script = [
      'import feedparser, json, sys',
      'out = []',
      'for path in sys.argv[1:]:',
      '    d = feedparser.parse(path)',
      '    out.append([[e.get("href"), e.get("type"), e.get("length")] for e in d.entries[0].enclosures])',
      'print(json.dumps(out))',
    ].join('\n');
    const r = spawnSync('/usr/bin/python3', ['-c', script, join(out, 'feed.xml'), join(out, 'atom.xml')], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const [rss, atom] = JSON.parse(r.stdout) as string[][][];
    for (const list of [rss, atom]) {
      assert.equal(list!.length, 1);
      assert.match(list![0]![0]!, /^https:\/\/status\.example\.org\/media\/1-0-[0-9a-f]{16}\.png$/);
      assert.deepEqual(list![0]!.slice(1), ['image/png', String(TINY_PNG.length)]);
    }
  } finally {
    http.close();
  }
});

test('issue 17: the bot answers in the site language; what it has no words for, in English', async () => {
  const dir = tempDir();
  const app = await testApp(dir, { site: { lang: 'de' } });
  const ingest = new Ingest(app.store, app.rules());
  const said = async (text: string) => {
    const r = await ingest.handle(ev.dm(alice, text));
    return r.result === 'replied' ? r.reply : '';
  };
  assert.match(await said('join'), /^Willkommen, @alice! Deine Statusmeldungen/);
  assert.match(await said('help'), /^Befehle: help: diese Liste · /);
  assert.equal(await said('post Bohnen'), 'Veröffentlicht: #1.');
  assert.equal(
    await said('star'),
    'So geht es: star ID|URL (unstar ID|URL): einen Beitrag markieren, der dir gefällt, ' +
      'hier oder einen gefolgten (per Adresse)',
  );
  assert.match(await said('frobnicate'), /^Das kenne ich nicht: „frobnicate“\. Befehle: /);
});
