// Issue 16: the words posts are found by, table-driven (the search page splits queries the same way).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { searchTerms, shardFile, shardOf } from '../../src/core/search-terms.ts';

test('issue 16: words are lower-cased, unaccented, of any script, 2 to 32 characters, once each', () => {
  const cases: [string, string[]][] = [
    ['Sowing BEANS in the garden, beans!', ['sowing', 'beans', 'in', 'the', 'garden']],
    ['Café crème — déjà vu', ['cafe', 'creme', 'deja', 'vu']],
    ['東京 カフェ 😀 a', ['東京', 'カフェ']],
    ['#garden @alice https://x.org/p?q=1', ['garden', 'alice', 'https', 'org']],
    [`${'x'.repeat(33)} ok`, ['ok']],
    ['<script>alert(1)</script>', ['script', 'alert']],
  ];
  for (const [text, want] of cases) assert.deepEqual(searchTerms(text), want, text);
});

test('issue 16: a term lives in the shard of its first two characters, a plain file name', () => {
  const cases: [string, string][] = [
    ['garden', 'ga'],
    ['東京都', '東京'],
    ['ab', 'ab'],
    ['a1', 'a1'],
    ['a1234', 'a1'],
    // Issue 18: numbers by three, so no shard holds ten thousand of them.
    ['19', '19'],
    ['190', '190'],
    ['1900', '190'],
    ['199999', '199'],
    ['19t', '19t'],
    ['19th', '19t'],
    ['١٢٣٤٥', '١٢٣'],
  ];
  for (const [term, shard] of cases) assert.equal(shardOf(term), shard, term);
  assert.equal(shardFile('ga'), 'search/t/6761.json');
  assert.equal(shardFile('東京'), 'search/t/e69db1e4baac.json');
});
