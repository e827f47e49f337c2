// Issue 17: the site's words in its language, English for what a catalog lacks; messages with links escape
// everything but the links they are given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { languageChain, loadCatalog, Translator } from '../../src/render/i18n.ts';
import { addGlobals } from '../../src/render/templating.ts';

const BUILT_IN = join(import.meta.dirname, '..', '..', 'templates');

test('languageChain goes from the most specific language to English', () => {
  const cases: [string, string[]][] = [
    ['en', ['en']],
    ['de', ['en', 'de']],
    ['de-CH', ['en', 'de', 'de-CH']],
    ['zh-Hant-TW', ['en', 'zh', 'zh-Hant', 'zh-Hant-TW']],
  ];
  for (const [lang, want] of cases) assert.deepEqual(languageChain(lang), want, lang);
});

test('every built-in catalog has every English key, and plural forms its language uses', () => {
  const en = JSON.parse(readFileSync(join(BUILT_IN, 'locales', 'en.json'), 'utf8')) as Record<string, unknown>;
  for (const lang of ['de', 'ja']) {
    const c = JSON.parse(readFileSync(join(BUILT_IN, 'locales', `${lang}.json`), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(c).sort(), Object.keys(en).sort(), lang);
  }
  const cases: [string, string, number, string][] = [
    ['en', 'list.posts', 1, '1 post'],
    ['en', 'list.posts', 1200, '1,200 posts'],
    ['de', 'list.posts', 1, '1 Beitrag'],
    ['de', 'list.posts', 1200, '1.200 Beiträge'],
    ['de-AT', 'timeline.older', 0, 'Älter'],
    ['ja', 'list.posts', 1, '1 件の投稿'],
    ['fr', 'timeline.older', 0, 'Older'],
  ];
  for (const [lang, key, n, want] of cases)
    assert.equal(new Translator(lang, loadCatalog([BUILT_IN], lang)).t(key, { n }), want, `${lang} ${key}`);
});

test("a theme's catalog overrides single words; anything it lacks comes from the built-in one", () => {
  const theme = mkdtempSync(join(tmpdir(), 'meshline-theme-'));
  mkdirSync(join(theme, 'locales'));
  writeFileSync(join(theme, 'locales', 'de.json'), JSON.stringify({ 'nav.people': 'Mitglieder' }));
  const t = new Translator('de', loadCatalog([BUILT_IN, theme], 'de'));
  assert.equal(t.t('nav.people'), 'Mitglieder');
  assert.equal(t.t('nav.tags'), 'Schlagwörter');
  assert.equal(t.t('no.such.key'), 'no.such.key');
});

test('tl escapes the message and the names in it, and builds only the links it is given', () => {
  const env = new nunjucks.Environment([], { autoescape: true });
  addGlobals(env, new Translator('en', { k: 'Hi {who}: see {link} & <b>' }));
  const html = env.renderString("{{ tl('k', {who: name, link: {href: url, text: name, rel: 'nofollow'} }) }}", {
    name: '<img src=x onerror=alert(1)>',
    url: 'https://x.example/"onmouseover=alert(1)',
  });
  assert.equal(
    html,
    'Hi &lt;img src=x onerror=alert(1)&gt;: see <a href="https://x.example/&quot;onmouseover=alert(1)" ' +
      'rel="nofollow">&lt;img src=x onerror=alert(1)&gt;</a> &amp; &lt;b&gt;',
  );
});

test('issue 18: messages are filled in as the {name} pattern fills them (a loop now, not a replace callback)', () => {
  const old = (text: string, vars: Record<string, string | number>) =>
    text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const v = vars[name];
      return v === undefined ? whole : typeof v === 'number' ? v.toLocaleString('en') : v;
    });
  const texts = [
    '{a}',
    'x {a} y {b} z',
    '{a{b}',
    '{}',
    '{a b}',
    '{a}{a}',
    '{{a}}',
    'no braces',
    '{missing} {a}',
    '}{a}{',
  ];
  const vars = { a: 'A', b: 1200 };
  for (const text of texts) {
    const tr = new Translator('en', { k: text });
    assert.equal(tr.t('k', vars), old(text, vars), text);
  }
});
