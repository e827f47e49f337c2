// Issue 17: a theme is a folder of only what it changes. One template, an asset and a word of its own; the built-in
// templates, assets and words serve for the rest; doctor compiles them; a broken one is named with its line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { meshline, TINY_PNG, tempDir } from '../helpers.ts';

function site(theme: Record<string, string | Buffer>) {
  const dir = tempDir();
  for (const [path, content] of Object.entries(theme)) {
    mkdirSync(join(dir, 'theme', path, '..'), { recursive: true });
    writeFileSync(join(dir, 'theme', path), content);
  }
  writeFileSync(
    join(dir, 'meshline.yaml'),
    'site:\n  templatesDir: theme\n  outputDir: out\nstore:\n  path: data/m.db\npreview:\n  enabled: false\n',
  );
  const ann = { id: 'ann', display: 'Ann' };
  const events = [
    { kind: 'direct', network: 'irc', sender: ann, text: 'join', at: '2026-01-01T09:00:00Z' },
    {
      kind: 'status',
      presence: 'available',
      network: 'irc',
      sender: ann,
      text: 'Gardening',
      at: '2026-01-01T10:00:00Z',
    },
  ];
  writeFileSync(join(dir, 'events.jsonl'), events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  return dir;
}

test('issue 17: a theme of one template, one asset and one word; the built-in ones serve for the rest', () => {
  const post = readFileSync('templates/post.njk', 'utf8').replace(
    '{% block main %}',
    '{% block main %}<p class="theme-mark">Our theme</p>',
  );
  const dir = site({
    'post.njk': post,
    'assets/logo.png': TINY_PNG,
    'locales/en.json': JSON.stringify({ 'nav.people': 'Members' }),
  });
  const imported = meshline(dir, 'import', 'events.jsonl');
  assert.equal(imported.code, 0, imported.out + imported.err);
  const r = meshline(dir, 'render');
  assert.equal(r.code, 0, r.out + r.err);
  // What it changed compiles: no word of the slow path.
  assert.doesNotMatch(r.err, /nunjucks/);
  const out = join(dir, 'out');
  const permalink = readFileSync(join(out, 'posts', '1-gardening.html'), 'utf8');
  assert.match(permalink, /<p class="theme-mark">Our theme<\/p>/);
  const home = readFileSync(join(out, 'index.html'), 'utf8');
  assert.doesNotMatch(home, /theme-mark/);
  assert.match(home, />Members<\/a>/);
  assert.match(home, /Gardening/);
  assert.deepEqual(readFileSync(join(out, 'assets', 'logo.png')), TINY_PNG);
  assert.ok(existsSync(join(out, '404.html')));
  const d = meshline(dir, 'doctor');
  assert.match(
    d.out,
    /templates +theme: post\.njk of its own, the built-in ones for the rest; 1 assets added; all compile/,
  );
});

test('issue 17: a broken theme template is named with its line, with no stack trace; a missing folder is said', () => {
  const dir = site({ 'timeline.njk': '{% extends "base.njk" %}\n{% block main %}\n{% if posts %}\n{% endblock %}\n' });
  const r = meshline(dir, 'render');
  assert.equal(r.code, 2);
  assert.match(r.err, /site\.templatesDir: theme\/timeline\.njk: .*\(line \d+\)/);
  assert.match(r.err, /remove it from theme to use the built-in one/);
  assert.doesNotMatch(r.err, /\n\s+at /);
  writeFileSync(join(dir, 'meshline.yaml'), 'site:\n  templatesDir: nowhere\n');
  const gone = meshline(dir, 'doctor');
  assert.match(gone.out + gone.err, /nowhere does not exist/);
});

test('issue 18: a theme template the compiler does not know renders with nunjucks; render and doctor say why', () => {
  const post = readFileSync('templates/post.njk', 'utf8').replace(
    '{% block main %}',
    '{% block main %}{% set mark = "Set by the theme" %}<p class="theme-mark">{{ mark }}</p>',
  );
  const dir = site({ 'post.njk': post });
  assert.equal(meshline(dir, 'import', 'events.jsonl').code, 0);
  // Said at info, as what a render does: the site is right, only slower.
  const r = spawnSync(process.execPath, [resolve('bin/meshline.js'), 'render'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, MESHLINE_LOG: 'info' },
  });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(
    r.stderr,
    /info +\[render\] the templates render with nunjucks, more slowly: post\.njk: the statement Set/,
  );
  const permalink = readFileSync(join(dir, 'out', 'posts', '1-gardening.html'), 'utf8');
  assert.match(permalink, /<p class="theme-mark">Set by the theme<\/p>/);
  const d = meshline(dir, 'doctor');
  assert.match(d.out, /all compile; rendered by nunjucks, more slowly: post\.njk: the statement Set/);
});
