// The whole walk with the console network: typed lines → store → pages and feeds in a temp folder, served by the
// preview.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { Runtime } from '../../src/app/runtime.ts';
import { renderSite } from '../../src/app/context.ts';
import { tempDir, testApp, until } from '../helpers.ts';

test('console lines become pages and feeds, served by the preview', async () => {
  const dir = tempDir();
  const app = await testApp(dir, { preview: { enabled: true, port: 0 }, console: { handle: 'sam', name: 'Sam' } });
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (b) => (printed += b.toString()));
  const runtime = new Runtime(app, { input, output, quit: () => undefined });
  await runtime.start();
  try {
    const out = join(dir, 'output');
    const get = async (path: string) => {
      const res = await fetch(new URL(path, runtime.previewUrl));
      return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
    };
    await until('the welcome reply', () => printed.includes('Welcome, @sam'));

    input.write('/status Out for lunch #food\n');
    const home = await until('the status on the home page', async () => {
      const r = await get('/index.html');
      return r.body.includes('Out for lunch') ? r : undefined;
    });
    assert.match(home.type, /text\/html/);
    assert.match(home.body, /<a href="\/tags\/food\/index\.html" class="tag">#food<\/a>/);
    assert.ok(existsSync(join(out, 'people/sam/index.html')));

    input.write('hello <script>alert("x")</script> & [bad](javascript:alert(1)) @sam\n');
    input.write('/away\n/back\n/me waves\n/bot whoami\n');
    await until('the whoami reply', () => printed.includes('meshline> @sam (Sam), opted in'));
    await runtime.clock.idle();
    const page = (await get('/rooms/lobby/index.html')).body;
    assert.match(page, /waves/);
    assert.doesNotMatch(page, /<script>alert/);
    assert.match(page, /hello &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp;/);
    assert.doesNotMatch(page, /href="javascript/i);

    const rss = new XMLParser().parse((await get('/feed.xml')).body);
    const items = [rss.rss.channel.item].flat();
    const titles = [
      '* Sam waves',
      'Sam in #lobby: hello <script>alert("x")</script> & [bad](javascript:alert(1)) @sam',
      'Sam: Out for lunch #food',
    ];
    const asHtml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    assert.deepEqual(
      items.map((i: { title: string }) => i.title),
      titles.map(asHtml),
    );
    assert.equal(
      rss.rss.channel.lastBuildDate,
      new Date(JSON.parse((await get('/feed.json')).body).items[0].date_modified).toUTCString(),
    );
    const atom = new XMLParser({ ignoreAttributes: false }).parse((await get('/atom.xml')).body);
    assert.equal([atom.feed.entry].flat().length, 3);
    assert.deepEqual(
      [atom.feed.entry].flat().map((e: { title: { '#text': string } }) => e.title['#text']),
      titles,
    );
    assert.equal(atom.feed.updated, [atom.feed.entry].flat()[0].updated);
    const json = await get('/people/sam/feed.json');
    assert.match(json.type, /application\/feed\+json/);
    const feed = JSON.parse(json.body);
    assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(feed.items.length, 3);
    assert.match(feed.items[1].content_html, /&lt;script&gt;/);
    assert.match(feed.items[2].url, /^https:\/\/status\.example\.org\/posts\/1-out-for-lunch-food\.html$/);
    // /away with no text and /back made no posts.
    assert.equal((await app.store.counts()).posts, 3);

    input.write('/bot delete 1\n');
    await until('the deleted post to leave the site', () => !existsSync(join(out, 'posts/1-out-for-lunch-food.html')));
    await until('the home feed to drop it', async () => !(await get('/feed.xml')).body.includes('Out for lunch'));
    assert.equal((await get('/posts/1-out-for-lunch-food.html')).status, 404);
    await until('the empty tag to go', () => !existsSync(join(out, 'tags/food/index.html')));
    await runtime.clock.idle();

    // Incremental renders left exactly what a full render produces.
    const full = await renderSite(app, { full: true });
    assert.equal(full.written, 0, 'a full render after incremental ones changes nothing');
    assert.equal(full.removed, 0);
  } finally {
    await runtime.stop();
  }
});
