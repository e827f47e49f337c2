// Issue 18: what a new post costs does not grow with the site. Timelines' sizes are kept by triggers (migration 18)
// and stay equal to a count of the entries whatever adds or removes them; a search shard reads each word's newest
// postings only, and still finds exactly the newest shown ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ingest } from '../../src/core/ingest.ts';
import { shardFile } from '../../src/core/search-terms.ts';
import { writeAllShards } from '../../src/app/search-files.ts';
import { makeAllLists } from '../../src/store/search.ts';
import { renderSite } from '../../src/app/context.ts';
import { permalinkPath } from '../../src/core/paths.ts';
import { ev, tempDir, testApp } from '../helpers.ts';

const alice = { id: 'alice', display: 'Alice' };
const bob = { id: 'bob', display: 'Bob' };
const carol = { id: 'carol', display: 'Carol' };

test('issue 18: timeline counts follow posts stored, deleted, retracted and forgotten', async () => {
  const app = await testApp(tempDir());
  try {
    const ingest = new Ingest(app.store, app.rules());
    const db = app.store.db;
    const same = async (when: string) => {
      const kept = await db.all<{ timeline: string; n: number }>(
        'SELECT timeline, n FROM timeline_counts WHERE n > 0 ORDER BY timeline',
      );
      const counted = await db.all<{ timeline: string; n: number }>(
        'SELECT timeline, count(*) AS n FROM timeline_entries GROUP BY timeline ORDER BY timeline',
      );
      assert.deepEqual(kept, counted, when);
      assert.ok(counted.length > 0, when);
    };
    // Carol joins and says nothing: no page of hers to list.
    for (const who of [alice, bob, carol]) await ingest.handle(ev.join(who));
    for (let i = 1; i <= 6; i++) await ingest.handle(ev.dm(i % 2 ? alice : bob, `post Note ${i} #garden`, `m${i}`));
    await ingest.handle(ev.say(alice, 'room1', 'in a room #garden', 'r1'));
    await same('stored');
    await app.store.reader.refresh();
    const people = await app.store.reader.people();
    assert.deepEqual(
      people.map((p) => p.handle),
      ['alice', 'bob'],
    );
    assert.deepEqual(await app.store.reader.tags(), [{ tag: 'garden', count: 6 }]);
    await ingest.handle(ev.dm(alice, 'delete 1'));
    await ingest.handle(ev.retract(bob, 'm2'));
    await same('deleted and retracted');
    assert.equal((await app.store.reader.timeline('home'))?.count, 5);
    await ingest.handle(ev.dm(bob, 'forget'));
    await ingest.handle(ev.dm(bob, 'forget yes'));
    await same('forgotten');
    await app.store.reader.refresh();
    assert.deepEqual(
      (await app.store.reader.people()).map((p) => p.handle),
      ['alice'],
    );
  } finally {
    await app.close();
  }
});

test("issue 18: a search shard holds each word's newest 500 shown posts, not the word's whole history", async () => {
  const app = await testApp(tempDir());
  try {
    const ingest = new Ingest(app.store, app.rules());
    await ingest.handle(ev.join(alice));
    for (let i = 1; i <= 530; i++) await ingest.handle(ev.dm(alice, `post kale ${i}${i % 100 === 0 ? ' kayak' : ''}`));
    const newest = (n: number, skip: number[] = []) =>
      Array.from({ length: n }, (_, i) => n - i).filter((id) => !skip.includes(id));
    // Read once: each term's list is kept (search_lists) and used again while nothing changes it.
    assert.deepEqual((await app.store.reader.searchShard('ka')).get('kale'), newest(530).slice(0, 500));
    const kept = await app.store.db.all<{ term: string }>('SELECT term FROM search_lists ORDER BY term');
    assert.deepEqual(
      kept.map((r) => r.term),
      ['kale', 'kayak'],
    );
    // Three of the newest hidden (flagged away): the shard reaches further back instead.
    await app.store.db.run('UPDATE posts SET hidden = 1 WHERE id IN (530, 529, 400)');
    const shard = await app.store.reader.searchShard('ka');
    assert.deepEqual(shard.get('kale'), newest(530, [530, 529, 400]).slice(0, 500));
    assert.deepEqual(shard.get('kayak'), [500, 300, 200, 100]);
    assert.deepEqual([...shard.keys()], ['kale', 'kayak']);
    // A full render makes every missing list in one statement (searchParts): the same lists as shard by shard.
    const byShard = await app.store.db.all('SELECT term, ids FROM search_lists ORDER BY term');
    await app.store.db.run('DELETE FROM search_lists');
    await app.store.reader.searchParts();
    const whole = await app.store.db.all<{ term: string }>('SELECT term, ids FROM search_lists ORDER BY term');
    assert.deepEqual(
      whole.filter((r) => r.term.startsWith('ka')),
      byShard,
    );
    assert.ok(whole.length > 500, 'every term has its list');
    // A new post, a deleted one: the kept lists follow.
    await ingest.handle(ev.dm(alice, 'post kale again'));
    await ingest.handle(ev.dm(alice, 'delete 500'));
    const after = await app.store.reader.searchShard('ka');
    assert.deepEqual(after.get('kale'), newest(531, [530, 529, 500, 400]).slice(0, 500));
    assert.deepEqual(after.get('kayak'), [300, 200, 100]);
    // Forgotten: no list names the person's words any more.
    await ingest.handle(ev.dm(alice, 'forget'));
    await ingest.handle(ev.dm(alice, 'forget yes'));
    assert.deepEqual(await app.store.db.all('SELECT term FROM search_lists'), []);
    assert.equal((await app.store.reader.searchShard('ka')).size, 0);
  } finally {
    await app.close();
  }
});

test('issue 18: a full render writes every search shard as shard by shard, reading the lists in pages', async () => {
  const dir = tempDir();
  const app = await testApp(dir);
  try {
    const ingest = new Ingest(app.store, app.rules());
    await ingest.handle(ev.join(alice));
    // Single characters, digit shards cut by three, accents, CJK, a letter above the surrogates (U+FA0E) and one
    // beyond them (U+20000): UTF-16 and code point order disagree on the last two.
    const words = ['a b kale kayak', '12 123 12a 1999 2024', 'café cafe 日本語'];
    words.push('\u{FA0E}\u{FA0F} \u{20000}\u{20001}');
    for (let i = 0; i < 40; i++) await ingest.handle(ev.dm(alice, `post ${words[i % 4]} w${i} x${i % 7}y`));
    await ingest.handle(ev.dm(alice, 'post qqonly'));
    const hidden = (await app.store.db.get<{ id: number }>('SELECT max(id) AS id FROM posts'))!.id;
    await app.store.db.run('UPDATE posts SET hidden = 1 WHERE id = ?', [hidden]);
    const { shards } = await app.store.reader.searchParts();
    assert.ok(shards.includes('qq'), 'the hidden-only word still has a shard to remove');
    const expected = new Map<string, string>();
    for (const prefix of shards) {
      const terms = await app.store.reader.searchShard(prefix);
      if (terms.size) expected.set(shardFile(prefix), `${JSON.stringify({ terms: Object.fromEntries(terms) })}\n`);
    }
    assert.ok(expected.size > 20);
    for (const perRead of [1, 2, 3, 7, 2000]) {
      const got = new Map<string, string>();
      await writeAllShards(app.store, { put: async (path, text) => void got.set(path, String(text)) }, perRead);
      assert.deepEqual(got, expected, `${perRead} terms a read`);
    }
    // The lists made a few shards a statement (a million posts' in one held the write lock for seconds): the same.
    for (const step of [1, 2, 3, 7]) {
      await app.store.db.run('DELETE FROM search_lists');
      await makeAllLists(app.store.db, shards, step);
      const got = new Map<string, string>();
      await writeAllShards(app.store, { put: async (path, text) => void got.set(path, String(text)) }, 2000);
      assert.deepEqual(got, expected, `lists made ${step} shards a statement`);
    }
    // And on disk after a whole render: the same files, and none for the shard whose only post is hidden.
    await app.store.db.run('DELETE FROM search_lists');
    await app.builder.renderFull();
    const onDisk = readdirSync(join(dir, 'output', 'search', 't')).map((f) => `search/t/${f}`);
    assert.deepEqual(onDisk.sort(), [...expected.keys()].sort());
    for (const [path, text] of expected) assert.equal(readFileSync(join(dir, 'output', path), 'utf8'), text, path);
  } finally {
    await app.close();
  }
});

test("issue 18: a site's first reaction shows on its post's page (a site without reads none a batch)", async () => {
  const dir = tempDir();
  const app = await testApp(dir);
  try {
    const ingest = new Ingest(app.store, app.rules());
    await ingest.handle(ev.join(alice));
    await ingest.handle(ev.join(bob));
    await app.store.ensureRoom('test', 'den', 'The Den', true, 'opted-in');
    await ingest.handle(ev.say(alice, 'den', 'the first one', 'r1'));
    await renderSite(app, { full: true });
    const post = (await app.store.db.get<{ id: number; slug: string }>('SELECT id, slug FROM posts'))!;
    const page = () => readFileSync(join(dir, 'output', permalinkPath(post.id, post.slug)), 'utf8');
    assert.doesNotMatch(page(), /class="reactions"/);
    assert.equal((await ingest.handle(ev.react(bob, 'r1', '🎉'))).result, 'reacted');
    await renderSite(app);
    assert.match(page(), /<ul class="reactions"><li><span class="key">🎉<\/span> <span class="count">1<\/span>/);
  } finally {
    await app.close();
  }
});
