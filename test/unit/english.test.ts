// Issue 18: English numbers, days, key order and initials are written without ICU, byte for byte as Intl writes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { englishDayUtc, englishInteger, isEnglish } from '../../src/render/english.ts';
import { compareKeys } from '../../src/core/names.ts';
import { initialsOf } from '../../src/render/people.ts';
import { Translator } from '../../src/render/i18n.ts';

function random(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

test('issue 18: English integers are grouped as Intl.NumberFormat groups them', () => {
  const rnd = random(3);
  const values = [0, 1, -1, 12, 999, 1000, -1000, 1234567, 10 ** 15, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
  for (let i = 0; i < 2000; i++) values.push(Math.floor((rnd() - 0.3) * 10 ** Math.floor(rnd() * 16)));
  for (const lang of ['en', 'en-GB']) {
    assert.ok(isEnglish(lang));
    const intl = new Intl.NumberFormat(lang);
    for (const n of values) assert.equal(englishInteger(n), intl.format(n), `${lang} ${n}`);
  }
  // What it leaves to Intl, and the translator then uses.
  for (const n of [-0, 1.5, 2 ** 60, Number.NaN, Number.POSITIVE_INFINITY]) assert.equal(englishInteger(n), undefined);
  const en = new Translator('en', { posts: { one: '{n} post', other: '{n} posts' } });
  assert.equal(en.t('posts', { n: 12345 }), '12,345 posts');
  assert.equal(en.formatNumber(1.5), '1.5');
  assert.equal(new Translator('de', {}).formatNumber(12345), '12.345');
  assert.ok(!isEnglish('en-IN'), 'grouped in lakhs: left to Intl');
});

test('issue 18: a UTC day is written as en-GB long dates write it', () => {
  const intl = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
  const rnd = random(5);
  const times = [0, Date.UTC(2026, 11, 2), Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(2099, 11, 31, 12)];
  for (let i = 0; i < 3000; i++) times.push(Math.floor(rnd() * 4.1e12));
  for (const at of times) assert.equal(englishDayUtc(at), intl.format(at), String(at));
});

test('issue 18: keys sort in code-point order only where localeCompare agrees', () => {
  const rnd = random(9);
  const alphabets = ['ab-.09z', 'abAB_-9', 'aäbé-1', 'a.b-c'];
  const keys: string[] = ['', 'a', 'a-', 'a.', 'a-b', 'a.b', 'ab', 'a0', 'a1b', '-', '.', '0', 'z', 'Z', 'a_b', 'é'];
  for (let i = 0; i < 600; i++) {
    const alphabet = alphabets[Math.floor(rnd() * alphabets.length)]!;
    const n = Math.floor(rnd() * 6);
    keys.push(Array.from({ length: n }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join(''));
  }
  for (const a of keys)
    for (const b of keys) assert.equal(Math.sign(compareKeys(a, b)), Math.sign(a.localeCompare(b)), `${a} ${b}`);
});

/** initialsOf as it was, every name cut into graphemes: the ASCII path must give the same. */
function byGraphemes(name: string): string {
  const seg = new Intl.Segmenter('en', { granularity: 'grapheme' });
  const words = name.split(/[\s\-_.]+/u).filter((w) => /[\p{L}\p{N}]/u.test(w));
  const first = (w: string | undefined) =>
    w ? ([...seg.segment(w)].find((g) => /[\p{L}\p{N}]/u.test(g.segment))?.segment ?? '') : '';
  const picked = words.length > 1 ? first(words[0]) + first(words[words.length - 1]) : first(words[0]);
  return picked.toLocaleUpperCase('en') || '?';
}

test('issue 18: an ASCII name has the initials the grapheme path gives', () => {
  const rnd = random(13);
  const chars = 'aZ09 -_.<>(),!@#\t\r\nqiIx';
  for (let i = 0; i < 5000; i++) {
    const name = Array.from({ length: Math.floor(rnd() * 12) }, () => chars[Math.floor(rnd() * chars.length)]).join('');
    assert.equal(initialsOf(name), byGraphemes(name), JSON.stringify(name));
  }
});
