// The published site as readers get it from S3 hosting: Chromium on s3rver's website endpoint.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from './chromium.ts';
import { renderSite } from '../../src/app/context.ts';
import { drainPublish } from '../../src/app/publish.ts';
import { Ingest } from '../../src/core/ingest.ts';
import { s3rverSection, startS3rver } from '../servers/s3.ts';
import { ev, tempDir, testApp } from '../helpers.ts';

const s3 = await startS3rver();
after(() => s3.stop());

test('Chromium loads the site from the S3 website endpoint and follows links to a permalink and a feed', async () => {
  const app = await testApp(tempDir(), {
    site: { url: s3.websiteUrl, pageSize: 10 },
    publish: {
      target: 's3',
      s3: s3rverSection(s3.endpoint),
    },
  });
  const ingest = new Ingest(app.store, app.rules());
  await ingest.handle(ev.join({ id: 'yui', display: 'Yui' }));
  for (const t of ['Planting tomatoes #garden', 'Watching the rain <b>not bold</b>', 'Back home'])
    await ingest.handle(ev.status({ id: 'yui' }, t));
  await ingest.flushStatuses();
  await renderSite(app);
  const p = await drainPublish(app.store, app.target);
  assert.equal(p.failed, 0);

  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    const home = await page.goto(s3.websiteUrl);
    assert.equal(home!.status(), 200);
    assert.match(home!.headers()['content-type']!, /^text\/html; charset=utf-8/);
    assert.equal(await page.locator('article.post').count(), 3);
    assert.match(await page.locator('article.post').nth(1).innerText(), /Watching the rain <b>not bold<\/b>/);
    await page.locator('article.post').first().locator('a.permalink').click();
    assert.match(page.url(), /^http:\/\/site\.s3-website\.localhost:\d+\/posts\/\d+-[a-z0-9-]+\.html$/);
    assert.match(await page.locator('article.post').innerText(), /Back home/);
    await page.locator('article.post a.author').click();
    assert.match(page.url(), /\/people\/yui\//);
    assert.equal(await page.locator('article.post').count(), 3);
    const feedHref = await page.locator('footer a', { hasText: 'RSS' }).getAttribute('href');
    // Fetched by the browser itself (a page with scripts on), since only Chromium resolves *.localhost here.
    const reader = await (await browser.newContext()).newPage();
    await reader.goto(page.url());
    const feed = await reader.evaluate(async (u) => {
      const r = await fetch(u);
      return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
    }, new URL(feedHref!, page.url()).href);
    assert.equal(feed.status, 200);
    assert.equal(feed.type, 'application/rss+xml; charset=utf-8');
    assert.match(feed.text, /<rss version="2.0"[\s\S]*Planting tomatoes/);
    const missing = await page.goto(new URL('posts/999999-nothing.html', s3.websiteUrl).href);
    assert.equal(missing!.status(), 404);
  } finally {
    await browser.close();
  }
});
