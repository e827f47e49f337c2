// Issue 16: search on the static site, in Debian's Chromium. A word of a new post finds it; hostile text in results
// is text; a hidden post is not found; without JavaScript the page says so and offers tags and people. A new post
// writes only the shards of its words and one bucket of summaries.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from './chromium.ts';
import { renderSite } from '../../src/app/context.ts';
import { Ingest } from '../../src/core/ingest.ts';
import { shardFile } from '../../src/core/search-terms.ts';
import { startPreview } from '../../src/site/preview.ts';
import { ev, tempDir, testApp } from '../helpers.ts';

const dir = tempDir();
const app = await testApp(dir);
const ingest = new Ingest(
  app.store,
  app.rules({ test: { admission: { policy: 'anyone', admits: () => false, admins: ['root'] } } }),
);
const alice = { id: 'alice', display: 'Alice' };
const root = { id: 'root', display: 'Root' };
for (const p of [alice, root]) await ingest.handle(ev.join(p));
for (let i = 0; i < 30; i++) await ingest.handle(ev.dm(alice, `post everyday note ${i}`));
await ingest.handle(ev.dm(alice, 'post <img src=x onerror=alert(1)> sneaky marmalade'));
await ingest.handle(ev.dm(alice, 'post hidden marmalade'));
await ingest.handle(ev.dm(root, 'hide 32'));
await renderSite(app, { full: true });
const out = join(dir, 'output');
const { server, url: base } = await startPreview(out, '127.0.0.1', 0);
const browser = await launchChromium();
after(async () => {
  await browser.close();
  server.close();
});

test('issue 16: a new post is found by its words; a new post writes its shards and one bucket', async () => {
  await ingest.handle(ev.dm(alice, 'post Zucchini glut again'));
  const now = await renderSite(app);
  // Its shards and bucket wait for their batch (site.batchSeconds; the running site renders them when due).
  assert.equal(existsSync(join(out, shardFile('zu'))), false);
  const r = await renderSite(app, { retryNow: true });
  assert.ok(now.written + r.written <= 40, `${now.written} + ${r.written} files`);
  const shards = ['zu', 'gl', 'ag'].map(shardFile);
  for (const s of shards) assert.ok(existsSync(join(out, s)), s);
  assert.match(readFileSync(join(out, shardFile('zu')), 'utf8'), /"zucchini":\[33\]/);
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${base}search/index.html?q=zucchini`);
  await page.waitForSelector('#results li');
  assert.match(await page.locator('#results').innerText(), /Alice \(@alice\)[\s\S]*Zucchini glut again/);
  await page.locator('#results li a').first().click();
  assert.match(new URL(page.url()).pathname, /^\/posts\/33-/);
});

test('issue 16: results show hostile text as text; hidden posts are not found', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${base}search/index.html`);
  await page.fill('#q', 'Marmalade');
  await page.press('#q', 'Enter');
  await page.waitForSelector('text=1 found.');
  const results = await page.locator('#results').innerText();
  assert.match(results, /<img src=x onerror=alert\(1\)> sneaky marmalade/);
  assert.doesNotMatch(results, /hidden marmalade/);
  assert.equal(await page.locator('#results img').count(), 0);
  assert.deepEqual(dialogs, []);
  await ctx.close();
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const p2 = await noJs.newPage();
  await p2.goto(`${base}search/index.html`);
  assert.match(await p2.locator('main').innerText(), /Searching needs JavaScript/);
  await p2.locator('main a', { hasText: 'tags' }).click();
  assert.equal(new URL(p2.url()).pathname, '/tags/index.html');
  await noJs.close();
});

test('issue 18: numbers live in shards cut by three characters, and the page finds them there', async () => {
  for (const text of ['post build 19', 'post build 1999', 'post build 19000', 'post the 19th century'])
    await ingest.handle(ev.dm(alice, text));
  await renderSite(app, { retryNow: true });
  const shard = (prefix: string) =>
    Object.keys((JSON.parse(readFileSync(join(out, shardFile(prefix)), 'utf8')) as { terms: object }).terms);
  assert.deepEqual(shard('19'), ['19']);
  assert.deepEqual(shard('199'), ['1999']);
  assert.deepEqual(shard('190'), ['19000']);
  assert.deepEqual(shard('19t'), ['19th']);
  const page = await (await browser.newContext()).newPage();
  // "19" is also the number of an earlier post ("everyday note 19").
  for (const [q, n, found] of [
    ['19000', 1, 'build 19000'],
    ['19', 2, 'build 19'],
    ['19th', 1, 'the 19th century'],
  ] as const) {
    await page.goto(`${base}search/index.html?q=${q}`);
    await page.waitForSelector(`text=${n} found.`);
    assert.match(await page.locator('#results').innerText(), new RegExp(`^${found}$`, 'm'), q);
  }
});
