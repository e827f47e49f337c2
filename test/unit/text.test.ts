import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanText, extractMentions, extractTags, slugify, capText } from '../../src/core/text.ts';

test('cleanText removes control and bidi characters', () => {
  const cases: [string, string][] = [
    ['plain', 'plain'],
    ['  padded \r\n', 'padded'],
    ['bell\u0007 and esc\u001b[31m', 'bell and esc[31m'],
    ['rtl \u202Eevil\u202C override', 'rtl evil override'],
    ['isolate \u2066x\u2069', 'isolate x'],
    ['keeps\ttabs\nand lines', 'keeps\ttabs\nand lines'],
    ['irc colours \u0003' + '04red\u000f', 'irc colours 04red'],
    ['e\u0301', '\u00e9'],
  ];
  for (const [input, want] of cases) assert.equal(cleanText(input), want, JSON.stringify(input));
});

test('extractTags finds #tags but not anchors, numbers or mid-word hashes', () => {
  const cases: [string, string[]][] = [
    ['#food and #Food and #drinks', ['food', 'drinks']],
    ['issue #42 is fixed', []],
    ['url http://x.org/#frag', []],
    ['c#sharp', []],
    ['&#39; entity', []],
    ['#über #日本', ['über', '日本']],
    ['(#paren)', ['paren']],
  ];
  for (const [input, want] of cases) assert.deepEqual(extractTags(input), want, input);
});

test('extractMentions finds @handles but not e-mail addresses', () => {
  const cases: [string, string[]][] = [
    ['hi @alice and @Bob.', ['alice', 'bob']],
    ['mail me@example.com', []],
    ['@alice @alice', ['alice']],
    ['trailing @carol-', ['carol']],
    ['@x.y', ['x.y']],
  ];
  for (const [input, want] of cases) assert.deepEqual(extractMentions(input), want, input);
});

test('slugify gives ASCII permalink slugs', () => {
  const slugs: [string, string][] = [
    ['Out for lunch!', 'out-for-lunch'],
    ['Café crème', 'cafe-creme'],
    ['日本語だけ', 'post'],
    ['one two three four five six seven eight nine ten', 'one-two-three-four-five-six-seven-eight'],
  ];
  for (const [input, want] of slugs) assert.equal(slugify(input), want);
});

test('capText bounds hostile huge bodies', () => {
  assert.equal(capText('a'.repeat(10_000)).length, 4000);
  assert.equal(capText('short'), 'short');
});
