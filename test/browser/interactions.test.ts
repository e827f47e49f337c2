// Issue 16, as readers see it in Debian's Chromium: a pinned post heads the home page, a hidden one is gone, the
// counts show on posts, and the sort switch leads to the Best order and back, without JavaScript.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launchChromium } from './chromium.ts';
import { renderSite } from '../../src/app/context.ts';
import { Ingest } from '../../src/core/ingest.ts';
import { startPreview } from '../../src/site/preview.ts';
import { ev, tempDir, testApp } from '../helpers.ts';

const dir = tempDir();
const app = await testApp(dir);
const ingest = new Ingest(
  app.store,
  app.rules({ test: { admission: { policy: 'anyone', admits: () => false, admins: ['root'] } } }),
);
const people = ['alice', 'bob', 'carol', 'root'].map((id) => ({ id, display: id[0]!.toUpperCase() + id.slice(1) }));
for (const p of people) await ingest.handle(ev.join(p));
const [alice, bob, carol, root] = people as [
  (typeof people)[0],
  (typeof people)[0],
  (typeof people)[0],
  (typeof people)[0],
];
for (const text of ['Pinned notice', 'Loved post', 'Disliked post', 'Hidden post', 'Plain newest'])
  await ingest.handle(ev.dm(alice, `post ${text}`));
for (const [who, text] of [
  [root, 'pin 1'],
  [bob, 'up 2'],
  [carol, 'up 2'],
  [bob, 'down 3'],
  [carol, 'star 2'],
  [root, 'hide 4'],
] as const)
  await ingest.handle(ev.dm(who, text));
await renderSite(app, { full: true });
const { server, url: base } = await startPreview(join(dir, 'output'), '127.0.0.1', 0);
const browser = await launchChromium();
after(async () => {
  await browser.close();
  server.close();
});

test('issue 16: readers see the pinned post first, counts, no hidden post, and switch to Best and back', async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(`${base}index.html`);
  const first = page.locator('main article.post').first();
  assert.match(await first.innerText(), /Pinned notice/);
  assert.match(await first.locator('.badge.pinned').innerText(), /pinned/);
  const main = await page.locator('main').innerText();
  assert.doesNotMatch(main, /Hidden post/);
  const loved = page.locator('article', { hasText: 'Loved post' });
  assert.match(await loved.locator('.score').innerText(), /★ 1\s+▲ 2 ▼ 0/);
  await page.locator('nav.sorts a', { hasText: 'Best' }).click();
  assert.equal(new URL(page.url()).pathname, '/best/index.html');
  const order = await page.locator('main article.post .body').allInnerTexts();
  assert.deepEqual(order, ['Loved post', 'Disliked post']);
  assert.equal(await page.locator('nav.sorts a[aria-current=page]').innerText(), 'Best');
  await page.locator('nav.sorts a', { hasText: 'Recent' }).click();
  assert.equal(new URL(page.url()).pathname, '/index.html');
  await ctx.close();
});
