// Issue 14: following feeds nobody here wrote: a small site built by Debian's hugo (its RSS), and a twtxt file written
// by hand to the spec, both served over HTTP. Their posts show on the mesh page as plain text, unsigned; an edit and a
// removal on the Hugo site follow at the next pull.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSite, type AppContext } from '../../src/app/context.ts';
import { pullSources } from '../../src/mesh/job.ts';
import { startPreview } from '../../src/site/preview.ts';
import { tempDir, testApp } from '../helpers.ts';

const HUGO = '/usr/bin/hugo';

async function pull(app: AppContext) {
  const s = await pullSources({ store: app.store, mesh: app.config.mesh, rules: app.rules() }, { all: true });
  await renderSite(app);
  return s;
}

function post(dir: string, name: string, front: Record<string, string>, body: string) {
  const yaml = Object.entries(front)
    .map(([k, v]) => `${k}: "${v}"`)
    .join('\n');
  writeFileSync(join(dir, 'content/posts', `${name}.md`), `---\n${yaml}\n---\n${body}\n`);
}

test('issue 14: a Hugo site RSS and a hand-written twtxt file are followed like any source', async () => {
  const root = tempDir();
  const served = join(root, 'served');
  mkdirSync(served, { recursive: true });
  const { server, url } = await startPreview(served, '127.0.0.1', 0);
  after(() => server.close());
  const base = url.replace(/\/?$/, '/');

  // The Hugo site: built by hugo itself, in the folder the server serves.
  const hugo = join(root, 'hugo');
  mkdirSync(join(hugo, 'content/posts'), { recursive: true });
  writeFileSync(
    join(hugo, 'config.toml'),
    `baseURL = "${base}garden/"\ntitle = "Garden notes"\nlanguageCode = "en"\n` +
      '[outputs]\nhome = ["RSS"]\nsection = ["RSS"]\n',
  );
  post(
    hugo,
    'beans',
    { title: 'Beans', date: '2026-11-01T10:00:00Z' },
    'The **broad beans** are up. <script>x()</script>',
  );
  post(hugo, 'frost', { title: 'Frost', date: '2026-11-05T08:00:00Z' }, 'First frost & the dahlias are done.');
  const build = () => execFileSync(HUGO, ['--quiet', '-s', hugo, '-d', join(served, 'garden')], { stdio: 'pipe' });
  build();

  // The twtxt file, as the spec writes it: RFC 3339 times with offsets, a tab, the text; metadata comments.
  writeFileSync(
    join(served, 'twtxt.txt'),
    `# nick = gardener\n# url = ${base}twtxt.txt\n#\n` +
      '2026-11-02T09:00:00+01:00\tPotatoes in @<alice https://a.example/twtxt.txt>\n' +
      '2026-11-03T10:30:00Z\tRain all day\n',
  );

  const b = await testApp(tempDir(), { mesh: { allowPrivateAddresses: true } });
  await b.store.sources.add(`${base}garden/index.xml`, 'cli');
  await b.store.sources.add(`${base}twtxt.txt`, 'cli');
  const first = await pull(b);
  assert.deepEqual([first.changed, first.added, first.failed, first.refused], [2, 4, 0, 0]);
  const out = join(b.config.site.outputDir);
  const page = () => readFileSync(join(out, 'mesh/index.html'), 'utf8');
  assert.match(page(), /The broad beans are up\./);
  assert.doesNotMatch(page(), /<script>x/);
  assert.match(page(), /First frost &amp; the dahlias are done\./);
  assert.match(page(), /Potatoes in @alice/);
  // Authors: the feed's title for an RSS item without one, the nick for twtxt.
  assert.match(page(), /Garden notes<\/a>\s*<span class="handle" dir="auto">@gardennotes@127\.0\.0\.1:\d+</);
  assert.match(page(), /gardener<\/a>\s*<span class="handle" dir="auto">@gardener@127\.0\.0\.1:\d+</);
  const sources = await b.store.sources.list();
  assert.ok(sources.every((s) => s.key === null && s.okAt !== null));

  // Edited and removed on the Hugo site: the next pull follows.
  post(hugo, 'beans', { title: 'Beans', date: '2026-11-01T10:00:00Z' }, 'The broad beans are flowering.');
  rmSync(join(hugo, 'content/posts/frost.md'));
  rmSync(join(served, 'garden'), { recursive: true });
  build();
  const second = await pull(b);
  // Frost is newer than the oldest item the feed still has: it was removed, not scrolled off.
  assert.deepEqual([second.edited, second.removed], [1, 1]);
  assert.match(page(), /The broad beans are flowering\./);
  assert.doesNotMatch(page(), /First frost/);
});
