import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DATE_FORMAT, PostFormatter, formatUtc } from '../../src/render/view.ts';
import type { PostView } from '../../src/core/views.ts';

const fmt = new PostFormatter('/', 'https://status.example.org/', 'UTC');
let id = 0;
const post = (text: string, mentions: string[] = []): PostView => ({
  id: ++id,
  slug: 'x',
  kind: 'message',
  text,
  presence: null,
  at: 0,
  editedAt: null,
  action: false,
  network: 'test',
  author: { handle: 'a', name: 'A' },
  room: null,
  tags: [],
  mentions,
  reactions: [],
  attachments: [],
  replyTo: null,
});
const html = (text: string, mentions: string[] = []) => fmt.bodyHtml(post(text, mentions), false);

test('hostile text stays text', () => {
  const cases: [string, RegExp, RegExp][] = [
    // [input, must match, must not match]
    ['<script>alert(1)</script>', /&lt;script&gt;/, /<script/],
    ['<img src=x onerror=alert(1)>', /&lt;img/, /<img/],
    ['[click](javascript:alert(1))', /\[click\]\(javascript:alert\(1\)\)/, /href="javascript/i],
    ['[click](JaVaScRiPt:alert(1))', /click/, /href="javascript/i],
    ['[x](data:text/html;base64,PHNjcmlwdD4=)', /x/, /href="data:/],
    ['[x](vbscript:msgbox)', /x/, /href="vbscript/],
    ['![pic](https://tracker.example/p.gif)', /pic/, /<img/],
    ['<a href="https://e.org" onclick="x()">y</a>', /&lt;a href=/, /onclick="/],
    ['"quotes" & \'apostrophes\'', /&quot;quotes&quot; &amp;/, /"quotes"/],
    ['# not a heading', /# not a heading/, /<h1/],
  ];
  for (const [input, must, mustNot] of cases) {
    const out = html(input);
    assert.match(out, must, input);
    assert.doesNotMatch(out, mustNot, input);
  }
});

test('http(s) links are kept, marked nofollow', () => {
  const out = html('see https://example.org/a?b=1&c=2 and [docs](https://docs.example.org)');
  assert.match(out, /<a href="https:\/\/example\.org\/a\?b=1&amp;c=2" rel="nofollow ugc noopener">/);
  assert.match(out, /<a href="https:\/\/docs\.example\.org" rel="nofollow ugc noopener">docs<\/a>/);
});

test('tags always link; mentions link only to people the post resolved', () => {
  const out = html('lunch #Food with @alice and @stranger', ['alice']);
  assert.match(out, /<a href="\/tags\/food\/index\.html" class="tag">#Food<\/a>/);
  assert.match(out, /<a href="\/people\/alice\/index\.html" class="mention">@alice<\/a>/);
  assert.match(out, /@stranger/);
  assert.doesNotMatch(out, /people\/stranger/);
  assert.doesNotMatch(html('issue #42'), /tags\/42/);
  assert.doesNotMatch(html('[#inlink](https://e.org)'), /tags\/inlink/);
});

test('feeds get absolute links', () => {
  const out = fmt.bodyHtml(post('#x'), true);
  assert.match(out, /href="https:\/\/status\.example\.org\/tags\/x\/index\.html"/);
});

test('UTC dates are written by hand exactly as Intl writes them', () => {
  const intl = new Intl.DateTimeFormat('en-GB', { ...DATE_FORMAT, timeZone: 'UTC' });
  for (const at of [
    0,
    Date.UTC(2026, 10, 22, 4, 22),
    Date.UTC(1999, 11, 31, 23, 59, 59),
    Date.UTC(2030, 5, 1, 0, 0),
    1.7e12 + 12345,
  ]) {
    assert.equal(formatUtc(at), intl.format(at));
  }
});

test('issue 18: a plain body skips parsing and comes out as markdown makes it', async () => {
  const { createMarkdown, renderBody } = await import('../../src/render/markdown.ts');
  const md = createMarkdown();
  const links = {
    tag: (t: string) => `https://s.example/tags/${t}/`,
    person: (h: string) => (h === 'bob' ? '/people/bob/' : undefined),
    remote: (h: string, host: string) => `https://${host}/people/${h}/`,
  };
  // Every character class markdown treats apart, and words, tags and mentions, in random lines.
  const parts = [
    'lunch',
    'café',
    '日本語',
    '😀',
    '👨‍👩‍👧',
    ' ',
    '  ',
    '.',
    ',',
    '"',
    "'",
    '(',
    ')',
    '?',
    '#food',
    '#1',
    '@bob',
    '@eve',
    '@bob@other.example',
    '1.',
    '1)',
    '-',
    '- ',
    '+',
    '*',
    '_',
    '`',
    '~',
    '<b>',
    '&amp;',
    '&',
    '\\',
    '[x]',
    '(y)',
    '!',
    '|',
    '>',
    ':',
    'http://x.example',
    'www.x.example',
    'x.example',
    '//x',
    '\n',
    '\t',
    '\u00a0',
    '\u200b',
    '=',
    '#',
    '@',
    'e\u0301',
  ];
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  let fast = 0;
  for (let i = 0; i < 20000; i++) {
    const n = 1 + Math.floor(rnd() * 8);
    const text = Array.from({ length: n }, () => parts[Math.floor(rnd() * parts.length)]).join('');
    const want = md.render(text, { links });
    assert.equal(
      renderBody(() => md, text, links),
      want,
      JSON.stringify(text),
    );
    if (!/[\n:<>*_`~\\[\]!&|]/.test(text)) fast++;
  }
  assert.ok(fast > 1000, 'many lines took the plain path');
  // Loading markdown-it is most of what a one-post render spends on bodies: a plain line does without it.
  let asked = 0;
  const counted = () => {
    asked++;
    return md;
  };
  const html = renderBody(counted, 'lunch at #food with @bob, "co" 😀', links);
  assert.equal(html, md.render('lunch at #food with @bob, "co" 😀', { links }));
  assert.equal(asked, 0, 'a plain line is written without markdown-it');
  renderBody(counted, 'see *this*', links);
  assert.equal(asked, 1, 'markup is left to markdown-it');
});

test('issue 18: tags and mentions are found where matchAll finds them, trying only beside # and @', async () => {
  const { signMatches } = await import('../../src/render/markdown.ts');
  const { TAG_PATTERN, MENTION_PATTERN, REMOTE_MENTION_PATTERN } = await import('../../src/core/text.ts');
  const all = new RegExp(`${TAG_PATTERN}|${MENTION_PATTERN}|${REMOTE_MENTION_PATTERN}`, 'gu');
  const parts = ['#', '@', 'a', 'é', '日', '😀', '\u0301', ' ', '.', '-', '_', '/', '&', 'x.example', ':80', '1'];
  parts.push('#a');
  let seed = 11;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const shape = (m: RegExpMatchArray) => [m.index, ...m];
  const fixed = [
    '#food',
    '@bob#x',
    '@bob#@eve',
    '@bob-#x',
    '#a.#b',
    '@a_@b',
    '😀#tag',
    '日本語@bob',
    'a#b',
    '##x',
    '@@bob',
    '#x#y',
    '@bob@x.example:80',
  ];
  const random = Array.from({ length: 30000 }, () =>
    Array.from({ length: 1 + Math.floor(rnd() * 10) }, () => parts[Math.floor(rnd() * parts.length)]).join(''),
  );
  for (const text of [...fixed, ...random])
    assert.deepEqual(signMatches(text).map(shape), [...text.matchAll(all)].map(shape), JSON.stringify(text));
});
