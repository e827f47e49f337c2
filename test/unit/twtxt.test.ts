// Issue 14: twtxt files — one line a post, "RFC 3339 time, a tab, the text", mentions as @<nick url>.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { twtxtFile, twtxtText, twtxtTime } from '../../src/render/twtxt.ts';
import type { PostView } from '../../src/core/views.ts';

const url = (p: string) => `https://status.example.org/${p}`;

test('issue 14: twtxt text stays on one line and links mentions that resolve', () => {
  const cases: [string, string[], string][] = [
    ['plain', [], 'plain'],
    ['two\nlines\r\nand\tTAB', [], 'two\u2028lines\u2028and TAB'],
    [
      'hi @bob and @carol.',
      ['bob', 'carol'],
      'hi @<bob https://status.example.org/people/bob/twtxt.txt> and ' +
        '@<carol https://status.example.org/people/carol/twtxt.txt>.',
    ],
    ['hi @stranger', ['bob'], 'hi @stranger'],
    ['mail a@bob.org', ['bob'], 'mail a@bob.org'],
    ['@Bob first', ['bob'], '@<bob https://status.example.org/people/bob/twtxt.txt> first'],
  ];
  for (const [text, mentions, want] of cases) assert.equal(twtxtText({ text, mentions }, url), want, text);
});

test('issue 14: twtxt times are RFC 3339 in UTC, to the second', () => {
  assert.equal(twtxtTime(Date.UTC(2026, 10, 30, 18, 5, 9, 123)), '2026-11-30T18:05:09Z');
});

test('issue 14: a twtxt file has the metadata comments, then posts oldest first', () => {
  const post = (id: number, text: string, at: number) => ({ id, text, at, mentions: [] }) as unknown as PostView;
  const file = twtxtFile(
    { handle: 'alice', name: 'Alice\nA.' },
    [post(2, 'second', 2000_000), post(1, 'first', 1000_000)],
    url,
  );
  assert.equal(
    file,
    [
      '# nick = alice',
      '# url = https://status.example.org/people/alice/twtxt.txt',
      '# description = Alice A.',
      '#',
      '1970-01-01T00:16:40Z\tfirst',
      '1970-01-01T00:33:20Z\tsecond',
      '',
    ].join('\n'),
  );
});
