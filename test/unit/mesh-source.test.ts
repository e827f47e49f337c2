// Issue 14: sources as people write them, and the one spelling each gets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSource } from '../../src/core/source.ts';

test('issue 14: sources: sites and feeds by URL, people and tags on a host', () => {
  const cases: [string, unknown][] = [
    ['https://Their.Site', { kind: 'url', id: 'https://their.site/', url: 'https://their.site/' }],
    [
      'https://their.site/people/bob/feed.json#x',
      { kind: 'url', id: 'https://their.site/people/bob/feed.json', url: 'https://their.site/people/bob/feed.json' },
    ],
    [
      '  http://127.0.0.1:8080/twtxt.txt ',
      { kind: 'url', id: 'http://127.0.0.1:8080/twtxt.txt', url: 'http://127.0.0.1:8080/twtxt.txt' },
    ],
    ['@Alice@Their.Site', { kind: 'person', id: '@alice@their.site', handle: 'alice', site: 'https://their.site/' }],
    [
      '@søren@127.0.0.1:8081',
      { kind: 'person', id: '@søren@127.0.0.1:8081', handle: 'søren', site: 'http://127.0.0.1:8081/' },
    ],
    ['#Garden@their.site', { kind: 'tag', id: '#garden@their.site', tag: 'garden', site: 'https://their.site/' }],
    ['@x@localhost:9', { kind: 'person', id: '@x@localhost:9', handle: 'x', site: 'http://localhost:9/' }],
  ];
  for (const [text, want] of cases) assert.deepEqual(parseSource(text), want, text);
});

test('issue 14: what is not a source says why', () => {
  const cases: [string, RegExp][] = [
    ['their.site', /is not a source: a site or feed URL, @person@host or #tag@host/],
    ['ftp://their.site/feed', /not a web address/],
    ['file:///etc/passwd', /not a web address/],
    ['https://user:pw@their.site/', /must not carry a user name or password/],
    ['@alice@their.site/path', /is not a host name/],
    ['@alice@user@host', /"user@host" is not a host name/],
    ['#@their.site', /not a source/],
    ['#..@their.site', /"\.\." is not a tag/],
    ['#a/b@their.site', /"a\/b" is not a tag/],
  ];
  for (const [text, why] of cases) {
    const r = parseSource(text);
    assert.ok('error' in r, text);
    assert.match(r.error, why, text);
  }
});
