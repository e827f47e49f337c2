// Issue 14: followed feeds of every format read into plain-text items; hostile markup stays text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToText, parseAnyFeed, parseJsonFeed, parseTwtxt, parseXmlFeed } from '../../src/mesh/items.ts';

test('issue 14: HTML in feeds becomes the text a reader would read', () => {
  const cases: [string, string][] = [
    ['<p>Hello <b>there</b></p><p>again</p>', 'Hello there\nagain'],
    ['<script>alert(1)</script>safe', 'safe'],
    ['a &lt;b&gt; &amp; &#x1F600; &#128512; &bogus;', 'a <b> & 😀 😀 &bogus;'],
    ['<img src=x onerror=alert(1)>x<br/>y', 'x\ny'],
    ['&#0; &#x110000;', '\uFFFD \uFFFD'],
    ['<<<<x', '<<<<x'],
    ['a < b and c > d', 'a  d'],
    ['kept<script>gone', 'kept'],
    ['<STYLE>p{}</style >after', 'after'],
  ];
  for (const [html, want] of cases) assert.equal(htmlToText(html), want, html);
});

test('issue 14: JSON Feed items, with authors and edits', () => {
  const feed = parseJsonFeed(
    JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Their site',
      authors: [{ name: 'Site' }],
      items: [
        {
          id: 'https://their.site/posts/1/x.html',
          url: 'https://their.site/posts/1/x.html',
          content_html: '<p>hi <a href="javascript:alert(1)">@bob</a></p>',
          content_text: 'hi @bob',
          date_published: '2026-11-30T10:00:00Z',
          date_modified: '2026-11-30T11:00:00Z',
          authors: [{ name: 'Alice', url: 'https://their.site/people/alice/' }],
        },
        { id: 'no-date', content_text: 'dropped' },
        { id: 'x', content_html: '<b></b>', date_published: '2026-11-30T10:00:00Z' },
        {
          id: 'js',
          url: 'javascript:alert(1)',
          content_text: 'kept, link not',
          date_published: '2026-11-30T09:00:00Z',
        },
      ],
    }),
  );
  assert.equal(feed.title, 'Their site');
  assert.deepEqual(feed.items[0], {
    id: 'https://their.site/posts/1/x.html',
    url: 'https://their.site/posts/1/x.html',
    text: 'hi @bob',
    at: Date.UTC(2026, 10, 30, 10),
    updatedAt: Date.UTC(2026, 10, 30, 11),
    author: { name: 'Alice', url: 'https://their.site/people/alice/' },
  });
  assert.deepEqual(
    feed.items.map((i) => [i.id, i.url, i.author.name]),
    [
      ['https://their.site/posts/1/x.html', 'https://their.site/posts/1/x.html', 'Alice'],
      ['js', null, 'Site'],
    ],
  );
  assert.throws(() => parseJsonFeed('{"version":"1"}'), /not a JSON Feed/);
});

test('issue 14: RSS and Atom, as generators nobody here wrote make them', () => {
  const rss = parseXmlFeed(`<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Blog &amp; co</title>
<item><title>T</title><link>https://b.example/1</link><guid isPermaLink="true">https://b.example/1</guid>
<pubDate>Mon, 30 Nov 2026 10:00:00 +0000</pubDate><dc:creator>Bo</dc:creator>
<description><![CDATA[<p>One <em>two</em></p><script>x()</script>]]></description></item>
<item><title>Escaped</title><guid isPermaLink="false">g2</guid><pubDate>Mon, 30 Nov 2026 09:00:00 GMT</pubDate>
<description>&lt;b&gt;bold&lt;/b&gt; &amp;amp;</description></item>
</channel></rss>`);
  assert.equal(rss.title, 'Blog & co');
  assert.deepEqual(
    rss.items.map((i) => [i.id, i.url, i.text, i.author.name, i.at]),
    [
      ['https://b.example/1', 'https://b.example/1', 'One two', 'Bo', Date.UTC(2026, 10, 30, 10)],
      ['g2', null, 'bold &', 'Blog & co', Date.UTC(2026, 10, 30, 9)],
    ],
  );
  const atom = parseXmlFeed(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">A &lt;site&gt;</title>
<author><name>Cy</name><uri>https://c.example/</uri></author>
<entry><id>tag:c.example,2026:1</id><link rel="alternate" href="https://c.example/1"/>
<published>2026-11-30T08:00:00Z</published><updated>2026-11-30T08:30:00Z</updated>
<content type="html">&lt;p&gt;Hi &amp;amp; bye&lt;/p&gt;</content></entry>
<entry><id>2</id><updated>2026-11-30T07:00:00Z</updated><title>Only a title &lt;i&gt;</title></entry>
</feed>`);
  assert.equal(atom.title, 'A <site>');
  assert.deepEqual(
    atom.items.map((i) => [i.id, i.url, i.text, i.author.name, i.updatedAt]),
    [
      ['tag:c.example,2026:1', 'https://c.example/1', 'Hi & bye', 'Cy', Date.UTC(2026, 10, 30, 8, 30)],
      ['2', null, 'Only a title <i>', 'Cy', Date.UTC(2026, 10, 30, 7)],
    ],
  );
});

test('issue 14: a twtxt file written by hand to the spec', () => {
  const body = [
    '# nick = bob',
    '# url = https://bob.example/twtxt.txt',
    '2016-02-04T13:30:00+01:00\tYou can really go crazy here! ┐(ﾟ∀ﾟ)┌',
    '2016-02-03T23:05:00+01:00\t@<example http://example.org/twtxt.txt> welcome to twtxt!',
    'not a line',
    '2016-02-01T11:00:00+01:00\tmulti\u2028line',
    '',
  ].join('\n');
  const feed = parseTwtxt(body, 'https://bob.example/twtxt.txt');
  assert.equal(feed.title, 'bob');
  assert.deepEqual(
    feed.items.map((i) => [i.text, i.at, i.author.name]),
    [
      ['You can really go crazy here! ┐(ﾟ∀ﾟ)┌', Date.UTC(2016, 1, 4, 12, 30), 'bob'],
      ['@example welcome to twtxt!', Date.UTC(2016, 1, 3, 22, 5), 'bob'],
      ['multi\nline', Date.UTC(2016, 1, 1, 10), 'bob'],
    ],
  );
  assert.equal(new Set(feed.items.map((i) => i.id)).size, 3);
  assert.deepEqual(
    parseTwtxt(body, 'x').items,
    feed.items.map((i) => ({ ...i, author: { name: 'bob', url: 'x' } })),
  );
  assert.equal(parseAnyFeed(Buffer.from(`\uFEFF${body}`), 'u').items.length, 3);
});
