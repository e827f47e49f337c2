// Issue 14: what is kept of a pulled feed (pure): authors, mentions of people here, replies to posts here, blocking,
// which dropped posts count as removed, when a source is pulled next; and how @handle@host reads and links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractMentions, extractRemoteMentions } from '../../src/core/text.ts';
import { localPostId } from '../../src/core/paths.ts';
import { blockList, siteOf, toBatch } from '../../src/mesh/ingest.ts';
import { nextPullAt } from '../../src/mesh/job.ts';
import { parseJsonFeed, type RemoteFeed } from '../../src/mesh/items.ts';
import { createMarkdown } from '../../src/render/markdown.ts';

test('issue 14: @handle@host is someone elsewhere, never a local @handle', () => {
  const cases: [string, string[], { handle: string; host: string }[]][] = [
    ['hi @alice', ['alice'], []],
    ['hi @alice@their.site.', [], [{ handle: 'alice', host: 'their.site' }]],
    ['@Bob@Their.Site:8080 and @bob@their.site:8080', [], [{ handle: 'bob', host: 'their.site:8080' }]],
    ['mail me: alice@their.site', [], []],
    ['@carol and @dave@[::1]:81', ['carol'], [{ handle: 'dave', host: '[::1]:81' }]],
  ];
  for (const [text, local, remote] of cases) {
    assert.deepEqual(extractMentions(text), local, text);
    assert.deepEqual(extractRemoteMentions(text), remote, text);
  }
});

test('issue 14: a body links @handle@host to that site, and @handle@this.site to the page here', () => {
  const md = createMarkdown();
  const links = {
    tag: () => undefined,
    person: (h: string) => (h === 'carol' ? '/people/carol/index.html' : undefined),
    remote: (h: string, host: string) => (host === 'here:1' ? undefined : `https://${host}/people/${h}/index.html`),
  };
  const html = md.render('to @bob@their.site, @carol, @x@here:1 #tag', { links });
  const bob = '<a href="https://their.site/people/bob/index.html" class="mention" rel="nofollow ugc noopener">';
  assert.ok(html.includes(`${bob}@bob@their.site</a>`), html);
  assert.match(html, /<a href="\/people\/carol\/index.html" class="mention">@carol<\/a>/);
  assert.match(html, /, @x@here:1 #tag<\/p>/);
});

const feed = (items: { id: string; at: number; text?: string; name?: string; handle?: string; reply?: string }[]) =>
  ({
    title: 'Their site',
    items: items.map((i) => ({
      id: i.id,
      url: `https://their.site/posts/${i.id}.html`,
      text: i.text ?? `post ${i.id}`,
      at: i.at,
      updatedAt: null,
      author: { name: i.name ?? 'Alice', url: null, ...(i.handle ? { handle: i.handle } : {}) },
      ...(i.reply ? { replyTo: i.reply } : {}),
    })),
  }) satisfies RemoteFeed;

const ctx = { siteUrl: 'https://here.site/blog/', home: false, blocked: () => false };

test('issue 14: a batch names authors safely, finds people and posts here, and says what a dropped post means', () => {
  const meshline = siteOf({
    feed: 'https://their.site/feed.json',
    site: 'https://their.site/.well-known/meshline.json',
    signature: 'x',
  });
  assert.deepEqual(meshline, { site: 'https://their.site/', meshline: true, signed: true });
  assert.deepEqual(siteOf({ feed: 'https://blog.example/a/index.xml' }), {
    site: 'https://blog.example/',
    meshline: false,
    signed: false,
  });
  const b = toBatch(
    'src',
    meshline,
    feed([
      { id: '1', at: 10, handle: '../../etc', text: 'hi @carol@here.site and @dan@else.site' },
      { id: '2', at: 20, name: 'Bob Smith', reply: 'https://here.site/blog/posts/42-hello.html' },
    ]),
    ctx,
  );
  assert.deepEqual(
    b.items.map((i) => [i.author.handle, i.mentions, i.replyTo]),
    [
      ['etc', ['carol'], null],
      ['bobsmith', [], 42],
    ],
  );
  assert.equal(b.keepOlderThan, 10);
  // Empty: believed when signed (all removed), kept when not (a fault at their end looks the same).
  assert.equal(toBatch('src', meshline, feed([]), ctx).keepOlderThan, null);
  assert.equal(toBatch('src', siteOf({ feed: 'https://x.y/f' }), feed([]), ctx).keepOlderThan, Number.MAX_SAFE_INTEGER);
});

test('issue 14: local post ids only from this site permalinks', () => {
  const cases: [string, number | null][] = [
    ['https://here.site/blog/posts/42-hello.html', 42],
    ['https://here.site/posts/42-hello.html', null],
    ['https://evil.site/blog/posts/42-hello.html', null],
    ['https://here.site/blog/posts/x-hello.html', null],
  ];
  for (const [url, id] of cases) assert.equal(localPostId(url, ctx.siteUrl), id, url);
});

test('issue 14: mesh.block takes hosts, site URLs and @person@host', () => {
  const blocked = blockList(['spam.site', 'https://their.site/', '@Bob@other.site']);
  const cases: [string, string, boolean][] = [
    ['https://spam.site/', 'anyone', true],
    ['https://their.site/', 'alice', true],
    ['https://other.site/', 'bob', true],
    ['https://other.site/', 'alice', false],
    ['https://fine.site/', 'bob', false],
  ];
  for (const [site, handle, want] of cases) assert.equal(blocked({ site, handle }), want, `${handle} at ${site}`);
});

test('issue 14: pulls are spread around the period and back off after failures, to a day at most', () => {
  const min = 15;
  assert.equal(
    nextPullAt(0, min, 0, () => 0),
    0.8 * 15 * 60_000,
  );
  assert.equal(
    nextPullAt(0, min, 0, () => 1),
    1.2 * 15 * 60_000,
  );
  const backoff = [1, 2, 3, 10, 30].map((f) => nextPullAt(0, min, f, () => 1));
  assert.deepEqual(
    backoff,
    [15, 30, 60, 1440, 1440].map((m) => m * 60_000),
  );
});

test("issue 14: a signed Meshline feed's removed posts are taken at its word; an unsigned feed's are not", () => {
  const body = JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'x',
    items: [],
    _meshline: { removed: [3, 'x', 1.5, 7] },
  });
  const parsed = parseJsonFeed(body);
  assert.deepEqual(parsed.removed, [3, 7]);
  const signed = siteOf({
    feed: 'https://t.site/feed.json',
    site: 'https://t.site/.well-known/meshline.json',
    signature: 's',
  });
  assert.deepEqual(toBatch('src', signed, parsed, ctx).removedIds, [3, 7]);
  const unsigned = siteOf({ feed: 'https://t.site/feed.json' });
  assert.equal(toBatch('src', unsigned, parsed, ctx).removedIds, undefined);
});
