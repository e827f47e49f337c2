// Issue 14: one site pulling another over HTTP: Meshline sites, their people and tags (signed), plain feeds and
// twtxt (unsigned); tampered feeds and changed keys refused, a key change signed by the old key accepted.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, renderSite, type AppContext } from '../../src/app/context.ts';
import { Ingest } from '../../src/core/ingest.ts';
import { SiteIdentity, siteKeyPath } from '../../src/mesh/identity.ts';
import { keyChangeText, pullSource } from '../../src/mesh/pull.ts';
import type { FetchLimits } from '../../src/net/fetch.ts';
import { startPreview } from '../../src/site/preview.ts';
import { ev, tempDir, testApp } from '../helpers.ts';

const limits: FetchLimits = {
  privateSetting: 'mesh.allowPrivateAddresses',
  // The test sites are on loopback, which a real pull refuses unless allowed.
  allowPrivateAddresses: true,
  timeoutMs: 5000,
  maxBytes: 1 << 20,
  maxRedirects: 3,
  sizeSetting: 'mesh.maxBytes',
};

/** Site A: two people, a tag, served over HTTP by its preview server. */
async function siteA() {
  const dir = tempDir();
  // Served where its site.url says, as a published site is: the document's links point there.
  const { server, url } = await startPreview(join(dir, 'output'), '127.0.0.1', 0);
  after(() => server.close());
  const app = await testApp(dir, { site: { url } });
  const ingest = new Ingest(app.store, app.rules());
  const alice = { id: 'alice', display: 'Alice' };
  const bob = { id: 'bob', display: 'Bob' };
  for (const e of [ev.join(alice), ev.join(bob), ev.status(alice, 'Sowing beans #garden'), ev.status(bob, 'Hi <b>')])
    await ingest.handle(e);
  await renderSite(app, { full: true });
  return { app, ingest, alice, url, host: new URL(url).host };
}

/** Follows `id` from a fresh site B and pulls it once; returns the pull and a way to pull again. */
async function follow(b: AppContext, id: string) {
  await b.store.sources.add(id, 'cli');
  const pull = async () => {
    const row = (await b.store.sources.list()).find((s) => s.id === id)!;
    const r = await pullSource(row, limits);
    await b.store.sources.recordPull(id, r.record);
    return r;
  };
  return { first: await pull(), pull };
}

test('issue 14: a Meshline site, a person and a tag there, verified and pinned; unchanged means one 304', async () => {
  const a = await siteA();
  const b = await testApp();
  const site = await follow(b, `${a.url}/`.replace(/\/\/$/, '/'));
  assert.equal(site.first.record.ok, true, site.first.record.result);
  assert.match(site.first.record.result, /^2 items, signature verified; pinned key SHA256:/);
  assert.deepEqual(site.first.feed!.items.map((i) => i.text).sort(), ['Hi <b>', 'Sowing beans #garden']);
  const row = (await b.store.sources.list())[0]!;
  assert.equal(row.key, a.app.identity.publicKey);
  assert.equal((await site.pull()).record.result, 'unchanged');

  const person = await follow(b, `@alice@${a.host}`);
  assert.deepEqual(
    person.first.feed!.items.map((i) => [i.text, i.author.name]),
    [['Sowing beans #garden', 'Alice']],
  );
  const tag = await follow(b, `#garden@${a.host}`);
  assert.equal(tag.first.feed!.items.length, 1);
  const nobody = await follow(b, `@carol@${a.host}`);
  assert.match(nobody.first.record.result, /^refused: .* has nobody called @carol/);

  // A new post changes the feed: pulled whole again, verified again.
  await a.ingest.handle(ev.status(a.alice, 'Beans are up'));
  await renderSite(a.app);
  const again = await person.pull();
  assert.match(again.record.result, /^2 items, signature verified$/);

  // A site followed by URL, its key pinned, cannot become an unsigned feed by hiding its document.
  const home = join(a.app.outputDir, 'feed.json');
  writeFileSync(home, readFileSync(home, 'utf8').replace('Sowing', 'Sawing'));
  rmSync(join(a.app.outputDir, '.well-known/meshline.json'));
  assert.match(
    (await site.pull()).record.result,
    /^refused: a key is pinned for http:\S+, but .* no longer says who it is/,
  );
});

test('issue 14: tampered feeds refused; a new key refused until accepted, unless the old key signed it', async () => {
  const a = await siteA();
  const b = await testApp();
  const id = `@alice@${a.host}`;
  const { first, pull } = await follow(b, id);
  assert.equal(first.record.ok, true, first.record.result);
  const feedPath = join(a.app.outputDir, 'people/alice/feed.json');
  const good = readFileSync(feedPath);
  writeFileSync(feedPath, Buffer.from(good.toString().replace('Sowing', 'Sawing')));

  const tampered = await pull();
  assert.equal(tampered.record.ok, false);
  assert.match(tampered.record.result, /^refused: the feed's signature does not verify with key SHA256:/);
  assert.equal(tampered.feed, undefined);
  writeFileSync(feedPath, good);
  assert.equal((await pull()).record.ok, true);
  // Hiding the site document does not turn a pinned site into an unsigned feed.
  const wellKnownPath = join(a.app.outputDir, '.well-known/meshline.json');
  const docBytes = readFileSync(wellKnownPath);
  writeFileSync(feedPath, Buffer.from(good.toString().replace('Sowing', 'Sawing')));
  rmSync(wellKnownPath);
  // The feed no longer verifies, so the pull asks the site who it is at once, and finds no answer.
  assert.match((await pull()).record.result, /^refused: http:\S+ is not a Meshline site/);
  writeFileSync(wellKnownPath, docBytes);
  writeFileSync(feedPath, good);
  assert.equal((await pull()).record.ok, true);

  // The site gets a new key (a reinstall without the backup): its feeds verify with it, but it is not the pinned one.
  const oldKey = a.app.identity;
  const fresh = SiteIdentity.loadOrCreate(join(tempDir(), 'site-key.pem'));
  // Its next feed is signed with the new key.
  const resign = () => {
    writeFileSync(feedPath, `${good.toString()}\n`);
    writeFileSync(`${feedPath}.sig`, fresh.sign(readFileSync(feedPath)));
  };
  const wellKnown = join(a.app.outputDir, '.well-known/meshline.json');
  const doc = JSON.parse(readFileSync(wellKnown, 'utf8'));
  writeFileSync(wellKnown, JSON.stringify({ ...doc, publicKey: fresh.publicKey }));
  resign();
  await pull(); // refused by the signature check with the pinned key, which sends the next pull to the site document
  const changed = await pull();
  assert.match(changed.record.result, /^refused: the site's key changed to SHA256:\S+ without the old key's signature/);
  const row = (await b.store.sources.list()).find((s) => s.id === id)!;
  assert.equal(row.key, oldKey.publicKey, 'the pinned key stays');
  assert.equal(row.keyOffered, fresh.publicKey, 'the offered one is kept for the operator');

  // The same change, signed by the old key: accepted and pinned.
  const keyChange = { from: oldKey.publicKey, signature: oldKey.sign(keyChangeText(fresh.publicKey)) };
  writeFileSync(wellKnown, JSON.stringify({ ...doc, publicKey: fresh.publicKey, keyChange }));
  const accepted = await pull();
  assert.equal(accepted.record.ok, true, accepted.record.result);
  assert.match(accepted.record.result, /key changed to SHA256:\S+, signed by the old key/);
  assert.equal((await b.store.sources.list()).find((s) => s.id === id)!.key, fresh.publicKey);
});

test('issue 14: any RSS feed and a twtxt file, unsigned, by URL', async () => {
  const a = await siteA();
  const b = await testApp();
  const rss = await follow(b, `${a.url.replace(/\/$/, '')}/feed.xml`);
  assert.equal(rss.first.record.result, '2 items');
  assert.ok(rss.first.feed!.items.every((i) => i.url?.startsWith(`${a.url.replace(/\/$/, '')}/posts/`)));
  const twtxt = await follow(b, `${a.url.replace(/\/$/, '')}/people/alice/twtxt.txt`);
  assert.deepEqual(
    twtxt.first.feed!.items.map((i) => [i.text, i.author.name]),
    [['Sowing beans #garden', 'alice']],
  );
  const missing = await follow(b, `${a.url.replace(/\/$/, '')}/nothing.xml`);
  assert.match(missing.first.record.result, /^failed: .*HTTP 404/);
});

test('issue 14: after meshline rotate-key, followers move to the new key in one pull', async () => {
  const a = await siteA();
  const b = await testApp();
  const id = `@alice@${a.host}`;
  const { first, pull } = await follow(b, id);
  assert.equal(first.record.ok, true, first.record.result);
  const { before, after: rotated } = SiteIdentity.rotate(siteKeyPath(a.app.config.store.path));
  assert.equal(before.publicKey, a.app.identity.publicKey);
  // The next start of site A signs with the new key and publishes the old key's word for it.
  const a2 = await openApp(a.app.config);
  assert.equal(a2.identity.publicKey, rotated.publicKey);
  await new Ingest(a2.store, a2.rules()).handle(ev.status(a.alice, 'New key, same beans'));
  const r = await renderSite(a2);
  assert.equal(r.full, true, 'a new key renders (and signs) everything again');
  const moved = await pull();
  assert.equal(moved.record.ok, true, moved.record.result);
  assert.match(moved.record.result, /^2 items, signature verified; key changed to SHA256:\S+, signed by the old key$/);
  assert.equal((await b.store.sources.list()).find((s) => s.id === id)!.key, rotated.publicKey);
  await a2.close();
});
