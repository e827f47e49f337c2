// Issue 17: the bot replies in the site's language. Every text the code says through `say` (and every line of the
// help) has a German and a Japanese translation with the same placeholders; English is said as written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HELP, helpText, parseCommand } from '../../src/core/commands.ts';
import { REPLIES, say } from '../../src/core/say.ts';

const CORE = join(import.meta.dirname, '..', '..', 'src', 'core');

/** The English texts the code hands to `say(lang, text, …)`: literals of the second argument, joined by `+`. */
function saidTexts(): string[] {
  const out = new Set<string>();
  for (const file of readdirSync(CORE).filter((f) => f.endsWith('.ts'))) {
    const src = readFileSync(join(CORE, file), 'utf8');
    for (let at = src.indexOf('say('); at >= 0; at = src.indexOf('say(', at + 4)) {
      if (/[\w.]/.test(src[at - 1] ?? '') || src.slice(at - 9, at) === 'function ') continue;
      // The argument list, to its closing parenthesis (texts hold no parentheses of their own but in quotes).
      let depth = 0;
      let end = at + 3;
      let quote = false;
      for (; end < src.length; end++) {
        const c = src[end];
        if (c === "'" && src[end - 1] !== '\\') quote = !quote;
        if (quote) continue;
        if (c === '(') depth++;
        if (c === ')' && --depth === 0) break;
      }
      const args = src.slice(at + 4, end);
      const second = args.slice(args.indexOf(',') + 1);
      // Literals joined by + are one text; a ternary's branches are two.
      for (const group of second.split(/\?|:(?=\s*')/)) {
        const parts = [...group.matchAll(/'((?:[^'\\]|\\.)*)'\s*(\+)?/g)];
        if (!parts.length) continue;
        let text = '';
        for (const p of parts) {
          text += p[1]!.replace(/\\'/g, "'");
          if (!p[2]) break;
        }
        out.add(text);
      }
    }
  }
  // Texts said later (src/core/say.ts `Said`): `say: '…'` fields and source problems.
  for (const file of readdirSync(CORE).filter((f) => f.endsWith('.ts'))) {
    const src = readFileSync(join(CORE, file), 'utf8');
    for (const m of src.matchAll(/(?:\bsay: |\bproblem\()'((?:[^'\\]|\\.)*)'/g)) out.add(m[1]!.replace(/\\'/g, "'"));
  }
  return [...out];
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every text the bot says, and every help line, has German and Japanese with the same placeholders', () => {
  const texts = [...saidTexts(), ...Object.values(HELP)];
  assert.ok(texts.length > 40, `${texts.length} texts found`);
  for (const [lang, catalog] of Object.entries(REPLIES)) {
    const missing = texts.filter((t) => !(t in catalog));
    assert.deepEqual(missing, [], `${lang} lacks these`);
    for (const [english, translated] of Object.entries(catalog))
      assert.deepEqual(placeholders(translated), placeholders(english), `${lang}: ${english}`);
  }
});

test('say speaks the site language, its base language too, and English for the rest', () => {
  assert.equal(say('de', 'Posted #{id}.', { id: 7 }), 'Veröffentlicht: #7.');
  assert.equal(say('de-AT', 'Posted #{id}.', { id: 7 }), 'Veröffentlicht: #7.');
  assert.equal(say('ja', 'Posted #{id}.', { id: 7 }), '#7 を投稿しました。');
  assert.equal(say('fr', 'Posted #{id}.', { id: 7 }), 'Posted #7.');
  assert.equal(say(undefined, 'Posted #{id}.', { id: 7 }), 'Posted #7.');
  assert.match(helpText(false, 'de'), /^Befehle: help: diese Liste · /);
  const usage = parseCommand('star');
  assert.equal(usage.name, 'invalid');
  const line = say('ja', (usage as { usage: string }).usage);
  assert.match(say('ja', 'Usage: {usage}', { usage: line }), /^使い方: star/);
});
