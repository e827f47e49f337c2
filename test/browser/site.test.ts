// What readers see, in Debian's Chromium: landmarks, links that lead somewhere, no script needed, dark mode,
// hostile text inert.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { corpus } from '../../bench/corpus.ts';
import { importFile } from '../../src/cli/import.ts';
import { renderSite } from '../../src/app/context.ts';
import { startPreview } from '../../src/site/preview.ts';
import { Ingest } from '../../src/core/ingest.ts';
import { tempDir, testApp } from '../helpers.ts';

// Built at the top level: hooks registered by the helpers then belong to the file, not to a before() hook.
const { browser, server, base } = await (async (): Promise<{ browser: Browser; server: Server; base: string }> => {
  const dir = tempDir();
  const app = await testApp(dir, { site: { pageSize: 10, url: 'http://127.0.0.1:1/' } });
  const file = join(dir, 'e.jsonl');
  writeFileSync(
    file,
    [...corpus({ posts: 40, people: 3, rooms: 1, seed: 3 })].map((e) => JSON.stringify(e)).join('\n'),
  );
  await importFile(app, file, { enableRooms: true });
  const hostile = { id: 'user0@example.org', display: 'Person 0', verified: true };
  await new Ingest(app.store, app.rules()).handle({
    kind: 'message',
    network: 'bench',
    account: 'bot',
    sender: hostile,
    at: Date.UTC(2031, 0, 1),
    room: { id: 'room0' },
    msgId: 'evil',
    text: '<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) \u202Egnp.exe',
  });
  await renderSite(app, { full: true });
  const { server, url } = await startPreview(join(dir, 'output'), '127.0.0.1', 0);
  const browser = await launchChromium();
  return { browser, server, base: url };
})();

after(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

test('the site reads and navigates without JavaScript', async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(base + 'index.html');
  assert.equal(await page.locator('main#main').count(), 1);
  assert.equal(await page.locator('header nav[aria-label="Site"]').count(), 1);
  // 41 posts in pages of 10: the front shows whole pages, 31 to 41 (issue 17).
  assert.equal(await page.locator('article.post').count(), 11);
  assert.equal(await page.locator('link[rel="alternate"][type="application/rss+xml"]').count(), 1);
  await page.locator('article.post').nth(1).locator('a.permalink').click();
  assert.match(page.url(), /\/posts\/\d+-[a-z0-9-]+\.html$/);
  assert.equal(await page.locator('article.post').count(), 1);
  await page.locator('article.post a.author').click();
  assert.match(page.url(), /\/people\/person\d\/index\.html$/);
  // Their front page shows all their posts (whole archive pages): the month archive leads to the pages (issue 17).
  await page.locator('a.months').click();
  assert.match(page.url(), /\/people\/person\d\/months\.html$/);
  await page.locator('main .index-list a').first().click();
  assert.match(page.url(), /\/people\/person\d\/page\/\d+\.html$/);
  const feedHref = await page.locator('footer a', { hasText: 'RSS' }).getAttribute('href');
  const feed = await page.request.get(new URL(feedHref!, page.url()).href);
  assert.equal(feed.status(), 200);
  assert.match(await feed.text(), /<rss version="2.0"/);
  await ctx.close();
});

test('hostile text is shown, never run', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(base + 'rooms/room0/index.html');
  const body = page.locator('article.post').first().locator('.body');
  assert.match(await body.innerText(), /<script>alert\(1\)<\/script> <img src=x onerror=alert\(2\)>/);
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.locator('a[href^="javascript"]').count(), 0);
  assert.doesNotMatch(await body.innerText(), /\u202E/);
  await page.locator('article.post').first().locator('a.permalink').click();
  assert.deepEqual(dialogs, []);
  await ctx.close();
});

test('light and dark, and no sideways scrolling on a phone', async () => {
  const bg = async (scheme: 'light' | 'dark') => {
    const ctx = await browser.newContext({ colorScheme: scheme, viewport: { width: 360, height: 740 } });
    const page = await ctx.newPage();
    await page.goto(base + 'index.html');
    const colour = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    await ctx.close();
    return { colour, overflow };
  };
  const light = await bg('light');
  const dark = await bg('dark');
  assert.notEqual(light.colour, dark.colour);
  assert.equal(light.overflow, 0);
  assert.equal(dark.overflow, 0);
});
