// Issue 15: a private site in Debian's Chromium. With the passphrase a reader opens the home page, sees a mirrored
// photo (sealed on the site, opened in the page), follows links to a person's page and a permalink without being
// asked again; a wrong passphrase shows the error and no text; without JavaScript the shell says why. No marker text
// or name is in the folder, in any form.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { ChatEvent } from '../../src/core/types.ts';
import { launchChromium } from './chromium.ts';
import { renderSite } from '../../src/app/context.ts';
import { Ingest } from '../../src/core/ingest.ts';
import { startPreview } from '../../src/site/preview.ts';
import { assertNowhere, ev, tempDir, testApp, treeText } from '../helpers.ts';

const PASSPHRASE = 'correct horse battery staple';
// A 2×1 PNG, served from loopback to be mirrored into the site (sealed there like every file).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGP4z8DwHwQZGBgAJBsD/fqqxLsAAAAASUVORK5CYII=',
  'base64',
);
const media = createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG));
await new Promise<void>((r) => media.listen(0, '127.0.0.1', r));
const dir = tempDir();
const app = await testApp(dir, {
  site: { pageSize: 5, private: { passphrase: PASSPHRASE } },
  media: { allowPrivateAddresses: true },
});
const ingest = new Ingest(app.store, app.rules());
const alice = { id: 'alice', display: 'Alicewonder' };
await ingest.handle(ev.join(alice));
await ingest.handle(ev.dm(alice, 'post MARKERPRIVATE the plan for #secretgarden'));
await app.store.ensureRoom('test', 'den', 'Den', true, 'opted-in');
const photo = `http://127.0.0.1:${(media.address() as { port: number }).port}/garden.png`;
await ingest.handle({
  ...ev.say(alice, 'den', 'a photo'),
  attachments: [{ kind: 'image', url: photo, name: 'garden.png' }],
} as ChatEvent);
// Enough for an archive page below the front page (which shows whole pages): the photo is on page 1.
for (let i = 0; i < 12; i++) await ingest.handle(ev.dm(alice, `post filler ${i}`));
await renderSite(app, { full: true });
const out = join(dir, 'output');
const { server, url: base } = await startPreview(out, '127.0.0.1', 0);
const browser = await launchChromium();
after(async () => {
  await browser.close();
  server.close();
  media.close();
});

test('issue 15: nothing of the group is in the folder: not its texts, names or tags, in any form', () => {
  assertNowhere(treeText(out), ['MARKERPRIVATE', 'Alicewonder', 'alice', 'secretgarden', 'filler']);
  assert.equal(readFileSync(join(out, 'robots.txt'), 'utf8'), 'User-agent: *\nDisallow: /\n');
  assert.match(readFileSync(join(out, 'index.html'), 'utf8'), /<meta name="robots" content="noindex, nofollow">/);
});

test('issue 15: the right passphrase opens the site, and links open without asking again', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const elsewhere: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('blob:')) elsewhere.push(r.url());
  });
  await page.goto(`${base}index.html`);
  await page.fill('#passphrase', PASSPHRASE);
  await page.click('button[type=submit]');
  await page.waitForSelector('article.post', { timeout: 20000 });
  assert.match(await page.locator('main').innerText(), /filler 5/);
  // The mirrored photo is sealed on the site: fetched and opened in the page.
  await page.locator('nav.pager a[rel=next]').click();
  await page.waitForFunction('[...document.images].some((i) => i.complete && i.naturalWidth === 2)', null, {
    timeout: 20000,
  });
  await page.goto(`${base}index.html`);
  await page.waitForSelector('article.post');
  // To the person's page, then the oldest page, then a permalink: each a shell, opened with the kept key.
  await page.locator('article.post a.author').first().click();
  await page.waitForSelector('h1:has-text("Alicewonder")');
  await page.goto(`${base}index.html`);
  await page.waitForSelector('article.post');
  await page.locator('nav.pager a[rel=next]').click();
  await page.waitForSelector('text=MARKERPRIVATE');
  await page.locator('article.post', { hasText: 'MARKERPRIVATE' }).locator('a.permalink').click();
  await page.waitForSelector('h1:has-text("Post by Alicewonder")');
  assert.match(await page.locator('main').innerText(), /MARKERPRIVATE the plan for #secretgarden/);
  assert.equal(await page.locator('#passphrase').count(), 0);
  assert.deepEqual(elsewhere, []);
  await ctx.close();
});

test('issue 15: a wrong passphrase shows the error and no text; without JavaScript the shell says why', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`${base}index.html`);
  await page.fill('#passphrase', 'not the passphrase at all');
  await page.click('button[type=submit]');
  await page.waitForSelector('text=That passphrase does not open this site.', { timeout: 20000 });
  assert.doesNotMatch(await page.locator('body').innerText(), /filler|MARKERPRIVATE|Alicewonder/);
  await ctx.close();
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const p2 = await noJs.newPage();
  await p2.goto(`${base}index.html`);
  assert.match(await p2.locator('body').innerText(), /needs JavaScript and the group's\s+passphrase/);
  await noJs.close();
});
