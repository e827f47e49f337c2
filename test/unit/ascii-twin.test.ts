// Issue 18: patterns with Unicode's property classes are matched on ASCII text by twins without them; the twins must
// find exactly what the patterns find.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allTwins, asciiSource, isAscii, TextPattern } from '../../src/core/ascii-twin.ts';
// Loaded for the patterns they make: each registers itself in allTwins.
import { extractMentions, extractRemoteMentions, extractTags } from '../../src/core/text.ts';
import { searchTerms, shardCut } from '../../src/core/search-terms.ts';
import { toHandle } from '../../src/core/names.ts';
import { signMatches } from '../../src/render/markdown.ts';
import { initialsOf } from '../../src/render/people.ts';
import { twtxtText } from '../../src/render/twtxt.ts';

function random(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

/** Random ASCII text, heavy in the characters the patterns care about. */
function asciiTexts(count: number, seed: number): string[] {
  const rnd = random(seed);
  const parts = ['#', '@', 'a', 'Z', '0', '9', ' ', '.', '-', '_', '/', '&', ':', '[', ']', 'x.example', ':80', 'bob'];
  const texts = ['', '#', '@', '12', '#12', '@bob@x.example:80', 'a#b', '@@bob', '#x#y', '@a.-', 'mail@x.org'];
  for (let i = 0; i < count; i++) {
    let s = '';
    const n = 1 + Math.floor(rnd() * 12);
    for (let j = 0; j < n; j++) s += parts[Math.floor(rnd() * parts.length)] ?? String.fromCharCode(rnd() * 128);
    if (rnd() < 0.2) s += String.fromCharCode(Math.floor(rnd() * 128));
    texts.push(s);
  }
  return texts;
}

const shape = (re: RegExp, text: string) => {
  if (!re.global && !re.sticky) return [re.test(text), text.split(re)];
  const out: unknown[] = [];
  for (let i = 0; i <= text.length; i++) {
    re.lastIndex = i;
    const m = re.exec(text);
    out.push(m ? [m.index, ...m] : null);
  }
  return out;
};

test('issue 18: every ASCII twin finds what its Unicode pattern finds in ASCII text', () => {
  assert.ok(allTwins.length >= 9, `the patterns register themselves (${allTwins.length})`);
  const texts = asciiTexts(4000, 7);
  for (const p of allTwins) {
    assert.doesNotMatch(p.twin().source, /\\[pP]\{/, `${p.source} has no property left`);
    for (const text of texts)
      assert.deepEqual(shape(p.twin(), text), shape(p.unicode(), text), `/${p.source}/ ${text}`);
  }
});

test('issue 18: text functions give the same on ASCII text whichever pattern they use', () => {
  const texts = asciiTexts(3000, 9);
  const withTwins = (fn: () => unknown) => fn();
  // The same functions with every pattern forced to its Unicode form.
  const forced = (fn: () => unknown) => {
    const saved = allTwins.map((p) => p.for);
    for (const p of allTwins) p.for = () => p.unicode();
    try {
      return fn();
    } finally {
      allTwins.forEach((p, i) => {
        p.for = saved[i]!;
      });
    }
  };
  const links = (s: string) => `/${s}/`;
  for (const text of texts) {
    const all = () => [
      extractTags(text),
      extractMentions(text),
      extractRemoteMentions(text),
      searchTerms(text),
      text ? toHandle(text) : '',
      initialsOf(text),
      twtxtText({ text, mentions: extractMentions(text) }, links),
      signMatches(text).map((m) => [m.index, ...m]),
      shardCut(text),
    ];
    assert.deepEqual(withTwins(all), forced(all), text);
  }
});

test('issue 18: a pattern is spelled for ASCII only where it can be', () => {
  const cases: [string, string][] = [
    [String.raw`[^\p{L}\p{M}\p{N}_&/#]`, '[^A-Za-z0-9_&/#]'],
    [String.raw`^\p{N}\p{N}`, '^[0-9][0-9]'],
    [String.raw`\p{M}+`, '[]+'],
    [String.raw`[.\-\p{M}]`, String.raw`[.\-]`],
    [String.raw`\[\p{L}\]`, String.raw`\[[A-Za-z]\]`],
    [String.raw`[\]\p{N}]`, String.raw`[\]0-9]`],
  ];
  for (const [source, ascii] of cases) assert.equal(asciiSource(source), ascii, source);
  assert.throws(() => asciiSource(String.raw`\p{Lu}`), /no ASCII twin/);
  assert.throws(() => asciiSource(String.raw`\P{L}`), /no ASCII twin/);
  assert.ok(isAscii('plain #text @bob 123\n\t~'));
  assert.ok(!isAscii('café'));
  assert.ok(!isAscii('😀'));
  const p = new TextPattern(String.raw`\p{L}+`, 'u');
  allTwins.splice(allTwins.indexOf(p), 1);
  assert.equal(p.for('abc'), p.twin());
  assert.equal(p.for('日本'), p.unicode());
  assert.deepEqual('日本 x'.match(p.for('日本 x'))?.[0], '日本');
});
