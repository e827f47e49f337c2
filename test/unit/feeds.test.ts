// Issue 11, untrusted text in feeds: every feed is well-formed for any input, titles are plain text, nothing in a
// post becomes markup of the feed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderFeeds, itemTitle } from '../../src/render/feeds.ts';
import { PostFormatter } from '../../src/render/view.ts';
import { attr, xmlText } from '../../src/render/xml.ts';
import type { PostView, TimelineMeta } from '../../src/core/views.ts';

const HOSTILE = [
  'a]]>b]]>c',
  ']]>]]><x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>',
  '<img src=x onerror=alert(1)>',
  'if a<b && c>d then I <3 tea',
  'NUL\u0000 BEL\u0007 ESC\u001b lone \uD83D',
  '&amp; &#0; &lt;',
  '\uFFFE\uFFFF noncharacters',
  '😀'.repeat(60),
];

function post(id: number, text: string, name = text): PostView {
  return {
    id,
    slug: 'x',
    kind: 'message',
    text,
    presence: null,
    at: 1_700_000_000_000 + id,
    editedAt: null,
    action: false,
    network: 'irc',
    author: { handle: `h${id}`, name },
    room: { slug: 'r', name: `#room ${text}`, network: 'irc' },
    tags: ['t<a>g'],
    mentions: [],
    reactions: [],
    attachments: [],
    replyTo: null,
  };
}

const meta: TimelineMeta = { key: 'home', kind: 'home', dir: '', title: 'Site <b>', lastSeq: 8, count: 8 };

test('feeds of hostile posts are well-formed XML and JSON, with the text intact as text', () => {
  const fmt = new PostFormatter('/', 'https://example.org/', 'UTC');
  const posts = HOSTILE.map((t, i) => fmt.model(post(i + 1, t), true));
  const site = { title: 'Site & <b>', description: 'About & <b>', lang: 'en', since: Date.UTC(2026, 0, 1) };
  const feeds = renderFeeds(meta, posts, fmt, site);
  for (const xml of [feeds.rss, feeds.atom]) {
    assert.equal(XMLValidator.validate(xml), true);
    assert.doesNotMatch(xml, /<!\[CDATA\[/, 'no CDATA to escape out of');
    assert.doesNotMatch(xml, /<(img|x:script|script|b)[\s>]/, 'no element from a post');
    assert.doesNotMatch(xml, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/, 'no character XML forbids');
  }
  const rss = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: false }).parse(feeds.rss);
  const items = rss.rss.channel.item;
  const tea = 'if a<b && c>d then I <3 tea';
  // RSS titles are escaped as HTML, which reads as the same text whether a reader takes them for text or HTML.
  const asHtml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  assert.equal(items[3].title, asHtml(`${tea} in #room ${tea}: ${tea}`));
  // Names are text too: a person called <img …> is shown by that name, never as an image.
  assert.equal(items[2].title.startsWith('&lt;img src=x onerror=alert(1)&gt; in #room'), true);
  assert.equal(items[2]['dc:creator'], asHtml(HOSTILE[2]!));
  assert.equal(rss.rss.channel.description, asHtml('About & <b>'));
  const atom = new XMLParser({ ignoreAttributes: false }).parse(feeds.atom);
  assert.equal(atom.feed.entry[3].title['@_type'], 'text');
  assert.equal(atom.feed.entry[3].title['#text'], `${tea} in #room ${tea}: ${tea}`);
  const json = JSON.parse(feeds.json);
  assert.equal(json.items[0].title, itemTitle(posts[0]!));
  assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(json.items[7].title), 'a title never ends in half an emoji');
});

test('xmlText and attr escape everything that could end text or a value', () => {
  assert.equal(xmlText('a]]>b<c&d'), 'a]]&gt;b&lt;c&amp;d');
  assert.equal(xmlText('x\u0000\u0007y\uD800z'), 'xyz');
  assert.equal(attr('"a"\n<b>'), '"&quot;a&quot;&#10;&lt;b&gt;"');
});

const SITE = { title: 'Site', description: 'What we are up to', lang: 'en', since: Date.UTC(2026, 0, 1) };

test('issue 17: an empty feed is dated when the site began, never 1970; channels describe the site', () => {
  const fmt = new PostFormatter('/', 'https://example.org/', 'UTC');
  const feeds = renderFeeds({ ...meta, lastSeq: 0, count: 0 }, [], fmt, SITE);
  for (const text of [feeds.rss, feeds.atom, feeds.json]) assert.doesNotMatch(text, /1970/);
  assert.match(feeds.rss, /<lastBuildDate>Thu, 01 Jan 2026 00:00:00 GMT<\/lastBuildDate>/);
  assert.match(feeds.atom, /<updated>2026-01-01T00:00:00.000Z<\/updated>/);
  assert.match(feeds.rss, /<description>What we are up to<\/description>/);
  assert.match(feeds.atom, /<subtitle type="text">What we are up to<\/subtitle>/);
  assert.equal(JSON.parse(feeds.json).description, 'What we are up to');
  const tag: TimelineMeta = {
    key: 'tag:garden',
    kind: 'tag',
    dir: 'tags/garden/',
    title: '#garden',
    lastSeq: 0,
    count: 0,
  };
  assert.match(renderFeeds(tag, [], fmt, SITE).rss, /<description>#garden · What we are up to<\/description>/);
});

test('issue 17: mirrored images and files are RSS enclosures, Atom enclosure links and JSON Feed attachments', () => {
  const fmt = new PostFormatter('/', 'https://example.org/', 'UTC');
  const p = post(1, 'A photo and a file');
  p.attachments = [
    {
      kind: 'image',
      name: 'beans.png',
      url: 'https://x/b.png',
      path: 'media/1-0-ab.png',
      bytes: 2048,
      width: 4,
      height: 3,
    },
    { kind: 'file', name: 'notes.pdf', url: 'https://x/n.pdf', path: 'media/1-1-cd.pdf', bytes: 99 },
    // Not mirrored: a link to elsewhere, of unknown type and size, is no enclosure.
    { kind: 'file', name: 'far.zip', url: 'https://x/far.zip', path: null },
  ];
  const feeds = renderFeeds(meta, [fmt.model(p, true)], fmt, SITE);
  const rss = new XMLParser({ ignoreAttributes: false }).parse(feeds.rss);
  const enclosures = rss.rss.channel.item.enclosure;
  assert.deepEqual(
    enclosures.map((e: Record<string, string>) => [e['@_url'], e['@_type'], e['@_length']]),
    [
      ['https://example.org/media/1-0-ab.png', 'image/png', '2048'],
      ['https://example.org/media/1-1-cd.pdf', 'application/pdf', '99'],
    ],
  );
  assert.match(
    feeds.atom,
    /<link rel="enclosure" href="https:\/\/example.org\/media\/1-1-cd.pdf" type="application\/pdf" length="99"\/>/,
  );
  assert.deepEqual(JSON.parse(feeds.json).items[0].attachments, [
    { url: 'https://example.org/media/1-0-ab.png', mime_type: 'image/png', title: 'beans.png', size_in_bytes: 2048 },
    {
      url: 'https://example.org/media/1-1-cd.pdf',
      mime_type: 'application/pdf',
      title: 'notes.pdf',
      size_in_bytes: 99,
    },
  ]);
  assert.match(fmt.model(p).files[0]!.width!.toString(), /^4$/);
});
