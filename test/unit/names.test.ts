// Issue 11, names that stop the site: handles and tags keep every script, stay clear of the site's own names and
// fit in a path segment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cutText,
  fitBytes,
  handleKey,
  handleProblem,
  NAME_MAX_BYTES,
  roomSlug,
  tagKey,
  toHandle,
} from '../../src/core/names.ts';
import { cleanName, cleanText, extractMentions, extractTags } from '../../src/core/text.ts';

test('toHandle keeps letters of every script, folded, without spaces or symbols', () => {
  const cases: [string, string][] = [
    ['Alice', 'alice'],
    ['Zoë B', 'zoëb'],
    ['田中花子', '田中花子'],
    ['محمد علي', 'محمدعلي'],
    ['Søren', 'søren'],
    ['Łukasz Nowak', 'łukasznowak'],
    ['हिन्दी', 'हिन्दी'],
    ['ＡＢＣ', 'abc'],
    ['--x--', 'x'],
    ['!!!', 'friend'],
    ['🎉🎉', 'friend'],
    ['../../etc', 'etc'],
    ['.hidden', 'hidden'],
  ];
  for (const [input, want] of cases) assert.equal(toHandle(input), want, input);
});

test('handles the site uses are never given: Index.HTML does not become people/index.html', () => {
  const cases: [string, string][] = [
    ['Index.HTML', 'index_html'],
    ['index', 'index_'],
    ['Page', 'page_'],
    ['feed.xml', 'feed_xml'],
    ['assets', 'assets_'],
  ];
  for (const [input, want] of cases) assert.equal(toHandle(input), want, input);
});

test('names fit a path segment in bytes, cut between graphemes', () => {
  const long = '𝔸'.repeat(64);
  assert.ok(Buffer.byteLength(tagKey(long)) <= NAME_MAX_BYTES);
  assert.ok(Buffer.byteLength(toHandle(long)) <= NAME_MAX_BYTES);
  assert.equal(fitBytes('a👍🏽b', 5), 'a');
  assert.equal(fitBytes('a👍🏽b', 9), 'a👍🏽');
  const [tag] = extractTags('#' + '𐐀'.repeat(64));
  assert.ok(tag && Buffer.byteLength(tag) <= NAME_MAX_BYTES, 'a tag of 64 four-byte letters is bounded');
});

test('cutText never splits an emoji or a combined character', () => {
  const cases: [string, number, string][] = [
    ['short', 10, 'short'],
    ['abcdef', 4, 'abc…'],
    ['ab😀😀😀', 4, 'ab…'],
    ['ab😀😀😀', 5, 'ab😀…'],
    ['👨‍👩‍👧‍👦 family', 3, '…'],
    ['e\u0301e\u0301e\u0301', 4, 'e\u0301…'],
  ];
  for (const [input, max, want] of cases) {
    const got = cutText(input, max);
    assert.equal(got, want, `${input} at ${max}`);
    assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(got), 'no lone high surrogate');
  }
});

test('issue 18: cutText cuts plain text without segmenting, exactly where segmenting would', () => {
  const seg = new Intl.Segmenter('en', { granularity: 'grapheme' });
  const slow = (text: string, max: number) => {
    if (text.length <= max) return text;
    let out = '';
    for (const { segment } of seg.segment(text)) {
      if (out.length + segment.length > max - 1) break;
      out += segment;
    }
    return out.replace(/\s+$/, '') + '…';
  };
  const samples = [
    'plain words here',
    'ab\r\ncd\r\nef',
    'e\u0301e\u0301 x\u0301y',
    'a😀b👍🏽c',
    'tab\there  two',
    '🇩🇪🇯🇵ab',
  ];
  for (const text of samples)
    for (let max = 1; max <= text.length + 1; max++)
      assert.equal(cutText(text, max), slow(text, max), `${text} @${max}`);
});

test('handleProblem says why a chosen handle cannot be used', () => {
  assert.equal(handleProblem('Søren'), undefined);
  assert.equal(handleProblem('田中'), undefined);
  assert.match(handleProblem('index.html')!, /site uses/);
  assert.match(handleProblem('two words')!, /letters, digits/);
  assert.match(handleProblem('x'.repeat(65))!, /at most 64 bytes/);
  assert.match(handleProblem('')!, /at least one/);
  assert.equal(handleKey('SØREN'), 'søren');
});

test('tags and mentions in any script, with marks, fold as their pages do', () => {
  assert.deepEqual(extractTags('#हिन्दी #ÜBER #über'), ['हिन्दी', 'über']);
  assert.deepEqual(extractMentions('hi @田中花子 and @Søren.'), ['田中花子', 'søren']);
  assert.equal(roomSlug('#Café Crème'), 'café-crème');
  assert.equal(roomSlug('#!!!'), 'room');
});

test('cleanName is the one path for names: controls, bidi, lone surrogates, line breaks', () => {
  const cases: [string, string][] = [
    ['Eve\u0000\u0007\u001b', 'Eve'],
    ['\u202EevE\u202C', 'evE'],
    ['two\nlines', 'two lines'],
    ['lone \uD83D surrogate', 'lone \uFFFD surrogate'],
    ['x'.repeat(300), 'x'.repeat(99) + '…'],
  ];
  for (const [input, want] of cases) assert.equal(cleanName(input), want, JSON.stringify(input));
  assert.equal(cleanText('a\uDC00b\u2028c'), 'a\uFFFDb\nc');
});
