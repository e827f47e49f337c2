import { test } from 'node:test';
import assert from 'node:assert/strict';
import { archivePager, headPages, indexOlderLink, pageCount, pageNumbers, stalePages } from '../../src/render/plan.ts';
import { targetsForPlacements } from '../../src/core/targets.ts';
import { pageOf } from '../../src/core/model.ts';
import type { TimelineMeta } from '../../src/core/views.ts';

const meta = (lastSeq: number): TimelineMeta => ({
  key: 'home',
  kind: 'home',
  dir: '',
  title: 'T',
  lastSeq,
  count: lastSeq,
});
const url = (p: string) => '/' + p;

test('pages are numbered from the oldest post', () => {
  const cases: [number, number, number][] = [
    [0, 10, 1],
    [1, 10, 1],
    [10, 10, 1],
    [11, 10, 2],
    [100, 10, 10],
    [101, 10, 11],
  ];
  for (const [seq, size, want] of cases) assert.equal(pageCount(seq, size), want, `${seq}/${size}`);
  assert.equal(pageOf(1, 10), 1);
  assert.equal(pageOf(10, 10), 1);
  assert.equal(pageOf(11, 10), 2);
});

test('a head render covers the newest page and the one before', () => {
  assert.deepEqual(headPages(meta(5), 10), [1]);
  assert.deepEqual(headPages(meta(25), 10), [2, 3]);
});

// Found by issue 11's incremental-versus-full check: a batch that adds two pages left the page that was newest
// linking "newer" to the front page.
test('a head render covers every page from the one that was newest before', () => {
  assert.deepEqual(headPages(meta(45), 10, 2), [2, 3, 4, 5]);
  assert.deepEqual(headPages(meta(45), 10, 5), [4, 5]);
  assert.deepEqual(headPages(meta(45), 10, 0), [4, 5]);
  assert.deepEqual(headPages(meta(5), 10, 1), [1]);
});

test('pager links', () => {
  const { numbers: _1, ...first } = archivePager(meta(25), 1, 10, url);
  assert.deepEqual(first, { newer: '/page/2.html', older: null });
  const { numbers: _3, ...last } = archivePager(meta(25), 3, 10, url);
  assert.deepEqual(last, { newer: '/index.html', older: '/page/2.html' });
  assert.equal(indexOlderLink(meta(25), 16, 10, url), '/page/2.html');
  assert.equal(indexOlderLink(meta(5), 1, 10, url), null);
});

test('issue 17: numbered pages: the first, three older, one newer, gaps marked; never more than one newer', () => {
  const show = (page: number, last: number) =>
    pageNumbers(page, last, (n) => `/${n}`).map((x) => (x === null ? '…' : x.url ? String(x.n) : `[${x.n}]`));
  const cases: [number, number, string[]][] = [
    [1, 1, ['[1]']],
    [1, 3, ['[1]', '2']],
    [3, 3, ['1', '2', '[3]']],
    [5, 9, ['1', '2', '3', '4', '[5]', '6']],
    [9, 20, ['1', '…', '6', '7', '8', '[9]', '10']],
    // The front page: its older page and the ones below it, none current.
    [21, 20, ['1', '…', '18', '19', '20']],
  ];
  for (const [page, last, want] of cases) assert.deepEqual(show(page, last), want, `${page} of ${last}`);
});

test('stale pages are those past the last', () => {
  assert.deepEqual(stalePages(['page/1.html', 'page/2.html', 'page/3.html', 'page/x.html'], meta(15), 10), [
    'page/3.html',
  ]);
});

test('one new post touches its timelines heads and one page each', () => {
  const t = targetsForPlacements(
    [
      { timeline: 'home', seq: 51 },
      { timeline: 'person:1', seq: 3 },
      { timeline: 'home', seq: 52 },
    ],
    50,
  );
  assert.deepEqual(t, [
    { kind: 'head', timeline: 'home' },
    { kind: 'page', timeline: 'home', page: 2 },
    { kind: 'head', timeline: 'person:1' },
    { kind: 'page', timeline: 'person:1', page: 1 },
  ]);
});
