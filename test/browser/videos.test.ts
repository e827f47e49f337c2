// Issue 17: a video linked in a post is a card with a thumbnail mirrored into the site; the reader's browser asks
// nothing of the video's host (a PeerTube instance on loopback here) until "Play here"; without JavaScript it is a
// link; media.embeds: false leaves plain links.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { renderSite } from '../../src/app/context.ts';
import { Ingest } from '../../src/core/ingest.ts';
import { startPreview } from '../../src/site/preview.ts';
import { launchChromium } from './chromium.ts';
import { ev, tempDir, testApp, TINY_PNG } from '../helpers.ts';

const ID = 'kkGMgK9ZtnKfYAgnEtQxbv';
const asked: string[] = [];
const tube = createServer((req, res) => {
  asked.push(req.url ?? '');
  if (req.url === `/api/v1/videos/${ID}`)
    return void res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ name: 'Beans', thumbnailPath: '/lazy-static/thumbnails/beans.png' }));
  if (req.url === '/lazy-static/thumbnails/beans.png')
    return void res.writeHead(200, { 'content-type': 'image/png' }).end(TINY_PNG);
  if (req.url?.startsWith(`/videos/embed/${ID}`))
    return void res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!DOCTYPE html><title>player</title><p>player');
  res.writeHead(404).end();
});
await new Promise<void>((r) => tube.listen(0, '127.0.0.1', () => r()));
const origin = `http://127.0.0.1:${(tube.address() as { port: number }).port}`;

async function site(embeds: boolean) {
  const dir = tempDir();
  const app = await testApp(dir, { media: { allowPrivateAddresses: true, embeds } });
  const ingest = new Ingest(app.store, app.rules());
  const alice = { id: 'alice', display: 'Alice' };
  await ingest.handle(ev.join(alice));
  await ingest.handle(ev.dm(alice, `post Our beans, filmed: ${origin}/w/${ID}`));
  await renderSite(app);
  await renderSite(app);
  return join(dir, 'output');
}

/** The first post's page, whatever words its address takes. */
const postPage = (dir: string) => `posts/${readdirSync(join(dir, 'posts')).find((f) => f.startsWith('1-'))}`;
const out = await site(true);
const plain = await site(false);
const preview = await startPreview(out, '127.0.0.1', 0);
const browser = await launchChromium();
after(async () => {
  await browser.close();
  preview.server.close();
  tube.close();
});

test('issue 17: a video card shows a mirrored thumbnail; its host is asked only on "Play here"', async () => {
  const html = readFileSync(join(out, postPage(out)), 'utf8');
  assert.match(
    html,
    /<figure class="video" data-player="http:\/\/127\.0\.0\.1:\d+\/videos\/embed\/kkGMgK9ZtnKfYAgnEtQxbv\?autoplay=1"/,
  );
  assert.match(html, /<img src="\/media\/1-v0-[0-9a-f]{16}\.png" alt="A video on PeerTube" width="1" height="1"/);
  asked.length = 0;
  const page = await (await browser.newContext()).newPage();
  await page.goto(preview.url + postPage(out));
  await page.waitForSelector('.video-play:not([hidden])');
  assert.deepEqual([...asked], [], 'nothing asked of the video host before the reader does');
  await page.click('.video-play');
  await page.waitForSelector('iframe.video-frame');
  assert.match((await page.getAttribute('iframe.video-frame', 'src'))!, new RegExp(`^${origin}/videos/embed/${ID}`));
  for (let i = 0; i < 50 && !asked.some((u) => u.startsWith('/videos/embed/')); i++) await page.waitForTimeout(100);
  assert.ok(
    asked.some((u) => u.startsWith(`/videos/embed/${ID}`)),
    asked.join(' '),
  );
});

test('issue 17: without JavaScript a video card is a link; with media.embeds off, a plain link', async () => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await page.goto(preview.url + postPage(out));
  assert.equal(await page.locator('.video-play').isVisible(), false);
  assert.equal(await page.locator('figure.video a.video-open').getAttribute('href'), `${origin}/w/${ID}`);
  const html = readFileSync(join(plain, postPage(plain)), 'utf8');
  assert.doesNotMatch(html, /class="video"/);
  assert.match(html, new RegExp(`<a href="${origin}/w/${ID}"`));
});
