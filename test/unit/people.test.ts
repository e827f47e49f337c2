// Issue 17: how people are shown when they have no avatar: their initials in a colour of their own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hueOf, initialsOf, networkLabel } from '../../src/render/people.ts';

test('initialsOf takes the first grapheme of the first and last words', () => {
  const cases: [string, string][] = [
    ['Alice', 'A'],
    ['alice liddell', 'AL'],
    ['Jean-Luc Picard', 'JP'],
    ['Ödön von Horváth', 'ÖH'],
    ['山田 太郎', '山太'],
    // Words without a letter or digit (an emoji) are skipped.
    ['👩🏽‍🚀 Astro', 'A'],
    ['محمد علي', 'مع'],
    ['  ', '?'],
    ['<script>', 'S'],
  ];
  for (const [name, want] of cases) assert.equal(initialsOf(name), want, name);
});

test('hueOf is a stable hue per handle; networks have the names readers know', () => {
  assert.equal(hueOf('alice'), hueOf('alice'));
  assert.notEqual(hueOf('alice'), hueOf('bob'));
  for (const h of ['a', 'bob', 'ünïcödé', '山田']) assert.ok(hueOf(h) >= 0 && hueOf(h) < 360);
  assert.deepEqual(['irc', 'xmpp', 'matrix', 'mesh', 'tail'].map(networkLabel), [
    'IRC',
    'XMPP',
    'Matrix',
    'mesh',
    'tail',
  ]);
});
