// Templates compiled to plain JavaScript (src/render/compile.ts) print what nunjucks prints, construct by construct.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type nunjucks from 'nunjucks';
import { loadNunjucks } from '../../src/render/nunjucks.ts';
import { fastRenderer, fastSource, renderWith } from '../../src/render/fast-templates.ts';
import { ENV_OPTIONS, TEMPLATES } from '../../src/render/precompiled.ts';
import { addGlobals } from '../../src/render/templating.ts';
import { loadCatalog, Translator } from '../../src/render/i18n.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function envOf(templates: Record<string, string>): nunjucks.Environment {
  const lib = loadNunjucks();
  const loader = new lib.Loader() as unknown as nunjucks.ILoader;
  loader.getSource = (name: string) => ({ src: templates[name] ?? '', path: name, noCache: true });
  const env = new lib.Environment(loader, { ...ENV_OPTIONS });
  addGlobals(env, new Translator('en', loadCatalog([join(import.meta.dirname, '../../templates')], 'en')));
  return env;
}

function both(templates: Record<string, string>, name: string, ctx: Record<string, unknown>) {
  const env = envOf(templates);
  const source = fastSource(templates, { ...ENV_OPTIONS });
  assert.ok(source, `compiles: ${Object.values(templates).join(' | ')}`);
  return { nunjucks: env.render(name, ctx), compiled: fastRenderer(source, env)(name, ctx) };
}

const hostile = `<script>alert("x")</script> & 'quotes' \\ back`;
const SafeString = (loadNunjucks().runtime as unknown as { SafeString: new (s: string) => unknown }).SafeString;
const cases: { name: string; t: string; ctx: Record<string, unknown>; more?: Record<string, string> }[] = [
  {
    name: 'text and escaped values',
    t: 'a {{ x }} b {{ y }} {{ z }} {{ n }} {{ f }}',
    ctx: { x: hostile, n: 0, f: false },
  },
  {
    name: 'a safe value, null, a list',
    t: '{{ s | safe }}|{{ s }}|{{ nil }}|{{ list }}',
    ctx: { s: '<b>&', nil: null, list: [1, '<'] },
  },
  { name: 'a SafeString printed and tested', t: '{{ m }}{% if m %}yes{% endif %}', ctx: { m: new SafeString('<i>') } },
  {
    name: 'members, missing members, methods',
    t: '{{ a.b.c }}|{{ a.x.y }}|{{ a.list[1] }}|{{ a.up("q") }}',
    ctx: { a: { b: { c: '<c>' }, list: ['p', 'q'], up: (s: string) => s.toUpperCase() } },
  },
  {
    name: 'a method sees its object, data over a global, members of null and of a string',
    t: '{{ o.who() }}|{{ o.inner.who() }}|{{ t }}|{{ nil.x }}|{{ nil["x"] }}|{{ s.length }}|{{ o["who"]() }}',
    ctx: {
      o: {
        name: '<o>',
        who(this: { name: string }) {
          return this.name;
        },
        inner: {
          name: 'inner',
          who(this: { name: string }) {
            return this.name;
          },
        },
      },
      t: 'data named like the global t',
      nil: null,
      s: 'four',
    },
  },
  {
    name: 'if, elif, else, not, and, or',
    t: '{% if a and not b %}1{% elif b or c %}2{% else %}3{% endif %}{% if not a == b %}4{% endif %}',
    ctx: { a: 0, b: '', c: 'c' },
  },
  {
    name: 'inline if and comparisons',
    t: '{{ "yes" if n > 1 else "no" }}{{ "x" if n == "2" }}{{ n != 2 }}{{ n <= 2 }}',
    ctx: { n: 2 },
  },
  {
    name: 'arithmetic and joining',
    t: '{{ a + b }} {{ s + "!" }} {{ a - b * 2 }} {{ a ~ b }} {{ (a + b) * 2 }} {{ a % 2 }} {{ a / 4 }}',
    ctx: { a: 5, b: 3, s: 'x' },
  },
  {
    name: 'a loop with its variables',
    t:
      '{% for x in xs %}{{ loop.index }}/{{ loop.length }}:{{ x }}{% if not loop.last %}, {% endif %}' +
      '{% if loop.first %}^{% endif %}{{ loop.revindex0 }}{% endfor %}',
    ctx: { xs: ['a', '<b>', 'c'] },
  },
  {
    name: 'nested loops and an empty one',
    t:
      '{% for r in rows %}[{% for c in r %}{{ loop.index0 }}{{ c }}{% else %}none{% endfor %}]{% endfor %}' +
      '{% for x in missing %}x{% else %}empty{{ x }}{% endfor %}',
    ctx: { rows: [[1, 2], []] },
  },
  {
    name: 'the site’s words',
    t:
      '{{ t("nav.people") }}|{{ t("post.by", {name: who}) }}|' +
      '{{ tl("post.in", {link: {href: u, text: who} }) }}|{{ n(12345) }}',
    ctx: { who: hostile, u: 'https://e.org/?a=1&b="2"' },
  },
  { name: 'a missing function', t: '{% if f %}{{ f() }}{% endif %}ok', ctx: {} },
  {
    name: 'a dict and a list literal',
    t: '{% for x in [1, "two", none, true] %}{{ x }};{% endfor %}{{ {a: 1}.a }}',
    ctx: {},
  },
  {
    name: 'a macro imported, with defaults and keywords',
    t: '{% from "m.njk" import card %}{{ card(p) }}{{ card(p, level=3) }}{{ card(p, 4) }}',
    more: { 'm.njk': '{% macro card(p, level=2) %}<h{{ level }}>{{ p.name }}</h{{ level }}>{{ site }}{% endmacro %}' },
    ctx: { p: { name: hostile }, site: 'not seen in the macro' },
  },
  {
    name: 'a keyword default that is undefined is looked up in the context, as nunjucks does',
    t:
      '{% from "m.njk" import m %}{{ m(1) }}{{ m(2, b=q.r) }}{{ m(3, b="given") }}' +
      '{% macro own(a, b=missing) %}<{{ a }}:{{ b }}>{% endmacro %}{{ own(4) }}{{ own(5, b=q.r) }}',
    more: { 'm.njk': '{% macro m(a, b=missing) %}[{{ a }}|{{ b }}]{% endmacro %}' },
    ctx: { q: {}, b: 'from the data' },
  },
  {
    name: 'extends with blocks, a block of its own left to the parent',
    t:
      '{% extends "base.njk" %}' +
      '{% block main %}<main>{{ title }}{% for x in xs %}{{ x }}{% endfor %}</main>{% endblock %}',
    more: {
      'base.njk':
        '<title>{{ title }}</title>{% block main %}default{% endblock %}|' +
        '{% block foot %}<f>{{ title }}</f>{% endblock %}',
    },
    ctx: { title: hostile, xs: [1, 2] },
  },
  {
    name: 'a block using a macro its template imported',
    t: '{% extends "base.njk" %}{% from "m.njk" import b %}{% block main %}{{ b(x) }}{% endblock %}',
    more: { 'base.njk': '[{% block main %}{% endblock %}]', 'm.njk': '{% macro b(v) %}<b>{{ v }}</b>{% endmacro %}' },
    ctx: { x: '<x>' },
  },
];

for (const c of cases)
  test(`issue 18: compiled templates print what nunjucks prints: ${c.name}`, () => {
    const r = both({ 'page.njk': c.t, ...c.more }, 'page.njk', c.ctx);
    assert.equal(r.compiled, r.nunjucks);
  });

test('issue 18: a template that extends another renders each block once, where the parent places it', () => {
  const templates = {
    'page.njk':
      '{% block early %}E{{ count() }}{% endblock %}{% extends "base.njk" %}' +
      '{% block main %}{{ count() }}{% endblock %}',
    'base.njk': '[{% block early %}{% endblock %}|{% block main %}{% endblock %}]',
  };
  const counter = () => {
    let n = 0;
    return { count: () => ++n };
  };
  const env = envOf(templates);
  const source = fastSource(templates, { ...ENV_OPTIONS });
  assert.ok(source);
  const expected = env.render('page.njk', counter());
  assert.equal(fastRenderer(source, env)('page.njk', counter()), expected);
});

test('issue 18: a member read while another render runs (a getter) keeps its own object for the call', () => {
  const templates = { 'outer.njk': '{{ o.g() }}/{{ o.name }}', 'inner.njk': '{{ p.who() }}' };
  const env = envOf(templates);
  const source = fastSource(templates, { ...ENV_OPTIONS });
  assert.ok(source);
  const render = fastRenderer(source, env);
  const other = { name: 'other', who: () => 'inner render' };
  const o = {
    name: 'outer',
    // Reading `g` renders a template first: its member reads must not take `o`'s place for the call.
    get g() {
      render('inner.njk', { p: other });
      return function (this: { name: string }) {
        return this.name;
      };
    },
  };
  assert.equal(render('outer.njk', { o }), env.render('outer.njk', { o }));
  assert.equal(render('outer.njk', { o }), 'outer/outer');
});

test("issue 18: a filter nunjucks does not have fails the render that uses it, in nunjucks' words", () => {
  const templates = { 'page.njk': 'ok', 'other.njk': '{{ x | shout }}' };
  const env = envOf(templates);
  const render = renderWith(env, fastSource(templates, { ...ENV_OPTIONS }));
  assert.equal(render('page.njk', {}), 'ok');
  assert.throws(() => render('other.njk', { x: 1 }), /filter not found: shout/);
});

test('issue 18: what the compiler does not know leaves the templates to nunjucks', () => {
  for (const t of [
    '{% set x = 1 %}{{ x }}',
    '{% include "a.njk" %}',
    '{% for k, v in obj %}{{ k }}{% endfor %}',
    '{{ x is defined }}',
    '{% extends "base.njk" %}{% block main %}{{ super() }}{% endblock %}',
    '{% from "gone.njk" import m %}',
    '{% if %}broken',
  ])
    assert.equal(
      fastSource({ 'page.njk': t, 'base.njk': '{% block main %}{% endblock %}' }, { ...ENV_OPTIONS }),
      undefined,
      t,
    );
});

test('issue 18: every built-in template compiles', () => {
  const dir = join(import.meta.dirname, '../../templates');
  const texts = Object.fromEntries(TEMPLATES.map((t) => [t, readFileSync(join(dir, t), 'utf8')]));
  assert.ok(fastSource(texts, { ...ENV_OPTIONS }));
});

test('issue 18: a page the compiled code fails on and nunjucks renders is told, by template; a mistake is not', () => {
  const templates = { 'page.njk': 'page {{ x }}', 'bad.njk': '{{ x | shout }}' };
  const env = envOf(templates);
  const failing = () => {
    throw new Error('compiled code broke');
  };
  const broken = () => ({
    'page.njk': { parent: null, blocks: {}, root: failing },
    'bad.njk': { parent: null, blocks: {}, root: failing },
  });
  const told: string[] = [];
  const render = renderWith(env, broken, (name, err) => told.push(`${name}: ${(err as Error).message}`));
  assert.equal(render('page.njk', { x: '<b>' }), 'page &lt;b&gt;');
  assert.deepEqual(told, ['page.njk: compiled code broke']);
  // nunjucks fails too: the template's own mistake, in nunjucks' words; no fallback happened.
  assert.throws(() => render('bad.njk', { x: 1 }), /filter not found: shout/);
  assert.equal(told.length, 1);
  const fine: string[] = [];
  const compiled = renderWith(env, fastSource({ 'page.njk': 'page {{ x }}' }, { ...ENV_OPTIONS }), (n) => fine.push(n));
  assert.equal(compiled('page.njk', { x: 1 }), 'page 1');
  assert.deepEqual(fine, []);
});

test('issue 18: what the compiler does not know is named with its template', () => {
  const why: string[] = [];
  const templates = { 'a.njk': 'fine', 'b.njk': '{% set x = 1 %}{{ x }}' };
  assert.equal(
    fastSource(templates, { ...ENV_OPTIONS }, (w) => why.push(w)),
    undefined,
  );
  assert.deepEqual(why, ['b.njk: the statement Set']);
});

test('issue 18: compiled templates render without an Environment until a filter reads one', () => {
  const templates = { 'page.njk': '{{ n | abs }} {% for x in xs | sort(false, false, "k") %}{{ x.k }}{% endfor %}' };
  const env = envOf(templates);
  let made = 0;
  const host = {
    globals: {},
    filter: (name: string) => env.getFilter(name) as (...args: unknown[]) => unknown,
    env: () => {
      made++;
      return env;
    },
  };
  const render = renderWith(host, fastSource(templates, { ...ENV_OPTIONS }));
  assert.equal(render('page.njk', { n: -2, xs: [] }), '2 ');
  assert.equal(made, 0);
  // sort by an attribute looks at the Environment's options, as it does in nunjucks.
  assert.equal(render('page.njk', { n: 1, xs: [{ k: 'b' }, { k: 'a' }] }), '1 ab');
  assert.equal(made, 1);
  assert.equal(
    render('page.njk', { n: 1, xs: [{ k: 'b' }, { k: 'a' }] }),
    env.render('page.njk', { n: 1, xs: [{ k: 'b' }, { k: 'a' }] }),
  );
});
