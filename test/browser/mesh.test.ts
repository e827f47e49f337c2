// Issue 14: what readers see of followed feeds that carry hostile HTML, in Debian's Chromium: the mesh page and a
// remote person's page show the text and run nothing, no link leads to javascript:, nothing is loaded from elsewhere;
// the mesh timeline's own feeds stay well-formed for feedparser.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { launchChromium } from './chromium.ts';
import { renderSite } from '../../src/app/context.ts';
import { pullSources } from '../../src/mesh/job.ts';
import { startPreview } from '../../src/site/preview.ts';
import { tempDir, testApp } from '../helpers.ts';

const evil = {
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Evil <b>feed</b>',
  items: [
    {
      id: '"><script>alert(1)</script>',
      url: 'javascript:alert(2)',
      content_html:
        '<script>alert(5)</script><p onclick="alert(6)">Hi <a href="javascript:alert(7)">there</a></p>' +
        '<img src="http://127.0.0.1:9/track.png" onerror="alert(10)"> [y](javascript:alert(8)) ' +
        '<style>body{display:none}</style>\u202Egnp.exe',
      date_published: '2026-11-01T10:00:00Z',
      authors: [{ name: '<img src=x onerror=alert(3)>', url: 'javascript:alert(4)' }],
      _meshline: { handle: '../../../etc/passwd', in_reply_to: 'javascript:alert(11)' },
    },
  ],
};
const rss =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>RSS ]]&gt; &lt;x&gt;</title><item><guid>g1</guid>' +
  '<pubDate>Mon, 02 Nov 2026 10:00:00 +0000</pubDate><link>javascript:alert(12)</link>' +
  '<description><![CDATA[<iframe src="javascript:alert(9)"></iframe>Plain <b>words</b> ]]&gt;]]></description>' +
  '</item></channel></rss>';

const origin = createServer((req, res) => {
  if (req.url === '/evil.json')
    return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(evil));
  if (req.url === '/evil.xml') return void res.writeHead(200, { 'content-type': 'text/html' }).end(rss);
  res.writeHead(404).end();
});
await new Promise<void>((r) => origin.listen(0, '127.0.0.1', r));
const at = `http://127.0.0.1:${(origin.address() as { port: number }).port}`;

const dir = tempDir();
const app = await testApp(dir, { mesh: { allowPrivateAddresses: true } });
await app.store.sources.add(`${at}/evil.json`, 'cli');
await app.store.sources.add(`${at}/evil.xml`, 'cli');
const pulled = await pullSources({ store: app.store, mesh: app.config.mesh, rules: app.rules() }, { all: true });
await renderSite(app, { full: true });
const { server, url: base } = await startPreview(join(dir, 'output'), '127.0.0.1', 0);
const browser = await launchChromium();
after(async () => {
  await browser.close();
  server.close();
  origin.close();
});

test('issue 14: hostile followed feeds are shown as text, run nothing and load nothing', async () => {
  assert.equal(pulled.added, 2, JSON.stringify(pulled));
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const dialogs: string[] = [];
  const elsewhere: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(base)) elsewhere.push(r.url());
  });
  await page.goto(`${base}mesh/index.html`);
  const text = await page.locator('main').innerText();
  assert.match(text, /Hi there/);
  assert.match(text, /Plain words \]\]>/);
  assert.match(text, /<img src=x onerror=alert\(3\)>/);
  assert.doesNotMatch(text, /\u202E/);
  assert.equal(await page.locator('main img, main iframe, main script, main style').count(), 0);
  assert.equal(await page.locator('a[href^="javascript"], [onclick], [onerror]').count(), 0);
  // The author's page here is in a folder of its own, whatever handle the feed claimed.
  const authorLinks = await page.locator('article a.author').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(
    authorLinks.every((h) => h?.startsWith('/mesh/127.0.0.1-')),
    authorLinks.join(' '),
  );
  for (const href of authorLinks) {
    await page.goto(new URL(href!, base).href);
    assert.equal(await page.locator('a[href^="javascript"]').count(), 0);
  }
  assert.deepEqual(dialogs, []);
  assert.deepEqual(elsewhere, []);
  await ctx.close();
});

test("issue 14: the mesh timeline's feeds are well-formed for feedparser", () => {
  const script = `
import sys, feedparser
for path in sys.argv[1:]:
    d = feedparser.parse(path)
    if d.bozo: print(path, d.bozo_exception); sys.exit(1)
    if len(d.entries) != 2: print(path, len(d.entries)); sys.exit(1)
`;
  const out = join(dir, 'output', 'mesh');
  const r = spawnSync('/usr/bin/python3', ['-c', script, join(out, 'feed.xml'), join(out, 'atom.xml')], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
