// Issue 11, names that stop the site: names in any script, the site's own names, overlong tags, a chosen handle
// with redirects, and one file that cannot be written never stopping a render.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ingest } from '../../src/core/ingest.ts';
import { renderSite } from '../../src/app/context.ts';
import { ev, snapshotDir, tempDir, testApp } from '../helpers.ts';

async function site(extra: Record<string, unknown> = {}) {
  const dir = tempDir();
  const app = await testApp(dir, { site: { pageSize: 5 }, ...extra });
  const ingest = new Ingest(app.store, app.rules());
  const reply = async (who: Parameters<typeof ev.dm>[0], text: string) => {
    const o = await ingest.handle(ev.dm(who, text));
    return o.result === 'replied' ? o.reply : `(${o.result})`;
  };
  return { dir, out: join(dir, 'output'), app, ingest, reply };
}

test("issue 11: display names in any script and the site's own names make pages that render", async () => {
  const { out, app, ingest, reply } = await site();
  const names = ['Index.HTML', '田中花子', 'محمد علي', 'Søren', 'Łukasz Nowak', '../../etc/passwd'];
  for (const [i, display] of names.entries()) {
    await reply({ id: `p${i}`, display }, 'join');
    await ingest.handle(ev.status({ id: `p${i}`, display }, `hello from ${display} #${'𐐀'.repeat(64)} #ok`));
  }
  const r = await renderSite(app);
  assert.deepEqual(r.failed, []);
  const handles = (await app.store.listPeople()).map((p) => p.handle).sort();
  const expected = ['etcpasswd', 'index_html', 'łukasznowak', 'søren', 'محمدعلي', '田中花子'];
  assert.deepEqual(handles, expected.sort());
  assert.ok(statSync(join(out, 'people', 'index.html')).isFile());
  for (const h of handles) assert.ok(existsSync(join(out, 'people', h, 'index.html')), h);
  const people = readFileSync(join(out, 'people', 'index.html'), 'utf8');
  assert.match(people, /href="\/people\/%E7%94%B0%E4%B8%AD%E8%8A%B1%E5%AD%90\/index\.html"/);
  for (const f of Object.keys(Object.fromEntries(snapshotDir(out)))) {
    for (const seg of f.split('/')) assert.ok(Buffer.byteLength(seg) <= 255, f);
  }
  // A second render, and a full one, go through as well.
  assert.deepEqual((await renderSite(app, { full: true })).failed, []);
});

test('issue 11: handle NAME renames a page; the old address redirects and old mentions still link', async () => {
  const { out, app, ingest, reply } = await site();
  await reply({ id: 'a', display: 'Anna' }, 'join');
  await reply({ id: 'b', display: 'Bo' }, 'join');
  for (let n = 0; n < 12; n++) await ingest.handle(ev.status({ id: 'a' }, `status ${n}`));
  await ingest.handle(ev.status({ id: 'b' }, 'hi @anna'));
  await renderSite(app);
  assert.match(await reply({ id: 'b' }, 'handle anna'), /@anna is taken/);
  assert.match(await reply({ id: 'a' }, 'handle index.html'), /cannot be used: "index.html" is a name the site uses/);
  assert.match(await reply({ id: 'a' }, 'handle 安娜'), /^You are @安娜 now; links to @anna lead to your new page/);
  assert.match(await reply({ id: 'b' }, 'handle anna'), /@anna is taken/, "an old handle stays its owner's");
  const r = await renderSite(app);
  assert.deepEqual(r.failed, []);
  assert.ok(existsSync(join(out, 'people', '安娜', 'page', '3.html')));
  const old = readFileSync(join(out, 'people', 'anna', 'index.html'), 'utf8');
  assert.match(
    old,
    new RegExp(
      /<meta http-equiv="refresh" content="0; /.source +
        /url=https:\/\/status\.example\.org\/people\/%E5%AE%89%E5%A8%9C\/index\.html">/.source,
    ),
  );
  assert.match(
    readFileSync(join(out, 'people', 'anna', 'page', '2.html'), 'utf8'),
    /%E5%AE%89%E5%A8%9C\/page\/2\.html/,
  );
  // Feed readers follow no redirect: the old address keeps the same feed, up to date.
  assert.equal(
    readFileSync(join(out, 'people', 'anna', 'feed.xml'), 'utf8'),
    readFileSync(join(out, 'people', '安娜', 'feed.xml'), 'utf8'),
  );
  const bPost = readFileSync(join(out, 'people', 'bo', 'index.html'), 'utf8');
  assert.match(bPost, /<a href="\/people\/anna\/index\.html" class="mention">@anna<\/a>/);
  assert.match(await reply({ id: 'b' }, 'post hi @安娜'), /Posted/);
  // What a full render produces is what the incremental ones left (with the waiting search batch, as `render` does).
  await renderSite(app, { retryNow: true });
  const before = snapshotDir(out);
  await renderSite(app, { full: true });
  assert.deepEqual(snapshotDir(out), before);
  await ingest.handle(ev.status({ id: 'a' }, 'after the move'));
  await renderSite(app);
  assert.match(readFileSync(join(out, 'people', 'anna', 'atom.xml'), 'utf8'), /after the move/);
  assert.match(await reply({ id: 'a' }, 'handle anna'), /^You are @anna now/, "taking one's old handle back");
});

test('issue 11: one file the disk refuses is reported with its cause; the rest renders; the CLI exits 1', async () => {
  const { dir, out, app, reply, ingest } = await site();
  await reply({ id: 'c', display: 'Cy' }, 'join');
  await ingest.handle(ev.status({ id: 'c' }, 'one #food'));
  await renderSite(app);
  await ingest.handle(ev.status({ id: 'c' }, 'two #food'));
  // A folder where the tag's feed should be: the feed cannot be written.
  execFileSync('rm', ['-f', join(out, 'tags', 'food', 'feed.xml')]);
  mkdirSync(join(out, 'tags', 'food', 'feed.xml'));
  await app.close();
  writeFileSync(join(dir, 'meshline.yaml'), `site:\n  outputDir: output\n  pageSize: 5\nstore:\n  path: meshline.db\n`);
  let stdout = '';
  let code = 0;
  try {
    execFileSync(process.execPath, [join(process.cwd(), 'bin/meshline.js'), 'render', '-q'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    const e = err as { status: number; stdout: string };
    code = e.status;
    stdout = e.stdout;
  }
  assert.equal(code, 1);
  assert.match(stdout, /1 not rendered \(the rest is\):\n {2}tags\/food\/feed\.xml: EISDIR/);
  assert.match(readFileSync(join(out, 'tags', 'food', 'index.html'), 'utf8'), /two/);
  assert.match(readFileSync(join(out, 'index.html'), 'utf8'), /two/);
  // Once the operator clears the way, running render again writes what failed: after a full render (this one was,
  // the command's settings differ from the test's) and after an incremental one.
  const render = () =>
    execFileSync(process.execPath, [join(process.cwd(), 'bin/meshline.js'), 'render', '-q'], {
      cwd: dir,
      encoding: 'utf8',
    });
  execFileSync('rm', ['-rf', join(out, 'tags', 'food', 'feed.xml')]);
  assert.match(render(), /^full render: .*\n$/);
  assert.match(readFileSync(join(out, 'tags', 'food', 'feed.xml'), 'utf8'), /two/);
  const again = await testApp(dir);
  await new Ingest(again.store, again.rules()).handle(ev.status({ id: 'c' }, 'three #food'));
  await again.close();
  execFileSync('rm', ['-f', join(out, 'tags', 'food', 'feed.xml')]);
  mkdirSync(join(out, 'tags', 'food', 'feed.xml'));
  let failed = '';
  try {
    render();
  } catch (err) {
    failed = (err as { stdout: string }).stdout;
  }
  assert.match(failed, /^rendered changes: [\s\S]*tags\/food\/feed\.xml: EISDIR/);
  execFileSync('rm', ['-rf', join(out, 'tags', 'food', 'feed.xml')]);
  assert.match(render(), /^rendered changes: .*\n$/);
  assert.match(readFileSync(join(out, 'tags', 'food', 'feed.xml'), 'utf8'), /three/);
});

test("issue 11: an older version's database with a handle index.html and a 256-byte tag renders again", async () => {
  const { Db } = await import('../../src/store/db.ts');
  const { MIGRATIONS } = await import('../../src/store/migrations.ts');
  const dir = tempDir();
  const db = await Db.open(join(dir, 'meshline.db'));
  await db.exec(
    'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  for (const m of MIGRATIONS.filter((x) => x.version <= 5)) {
    await db.exec(m.sql);
    await m.run?.(db);
    await db.run('INSERT INTO schema_migrations VALUES (?, ?, 0)', [m.version, m.name]);
  }
  const long = '𐐀'.repeat(64);
  await db.exec(
    [
      'INSERT INTO people (id, handle, name, opted_in, created_at) ' +
        "VALUES (1, 'index.html', 'Index\u202E.HTML', 1, 0);",
      'INSERT INTO posts (id, person_id, kind, text, network, at, slug) ' +
        `VALUES (1, 1, 'status', 'hi #${long}', 'n', 0, 'hi');`,
      `INSERT INTO post_tags VALUES (1, '${long}');`,
      `INSERT INTO timeline_entries VALUES ('home', 1, 1), ('person:1', 1, 1), ('tag:${long}', 1, 1);`,
      `INSERT INTO timeline_heads VALUES ('home', 1), ('person:1', 1), ('tag:${long}', 1);`,
    ].join('\n    '),
  );
  await db.close();
  mkdirSync(join(dir, 'output', '.git', 'refs', 'tags'), { recursive: true });
  // Issue 12: after a full disk (or a kill), a writer's temporary file stayed in the site folder for good.
  mkdirSync(join(dir, 'output', 'people'), { recursive: true });
  writeFileSync(join(dir, 'output', 'people', '.999999999.tmp'), '');
  writeFileSync(join(dir, 'output', 'people', '.999999999-2.tmp'), '');
  writeFileSync(join(dir, 'output', `.${process.pid}.tmp`), "a live writer's");
  const app = await testApp(dir);
  assert.deepEqual(
    (await app.store.listPeople()).map((p) => [p.handle, p.name]),
    [['index_html', 'Index.HTML']],
  );
  const r = await renderSite(app, { full: true });
  assert.deepEqual(r.failed, []);
  assert.ok(statSync(join(dir, 'output', 'people', 'index.html')).isFile());
  assert.ok(existsSync(join(dir, 'output', 'people', 'index_html', 'index.html')));
  assert.ok(existsSync(join(dir, 'output', 'tags', '𐐨'.repeat(16), 'index.html')), 'folded and cut to 64 bytes');
  assert.ok(existsSync(join(dir, 'output', '.git', 'refs', 'tags')), "hidden folders are not Meshline's to prune");
  assert.ok(!existsSync(join(dir, 'output', 'people', '.999999999.tmp')), "a dead writer's temporary file goes");
  assert.ok(!existsSync(join(dir, 'output', 'people', '.999999999-2.tmp')), "a dead writer thread's goes");
  assert.ok(existsSync(join(dir, 'output', `.${process.pid}.tmp`)), "a live writer's stays");
});

// Review of issue 11: a post at a time no date can show failed its timelines, and a full render then deleted
// their last good pages.
test('issue 11: an impossible time is clamped; a timeline that fails in a full render keeps its files', async () => {
  const { dir, out, app, ingest, reply } = await site();
  await reply({ id: 'z', display: 'Zed' }, 'join');
  await ingest.handle(ev.status({ id: 'z' }, 'fine'));
  await ingest.handle({ ...ev.status({ id: 'z' }, 'from the far future'), at: 9e15 });
  assert.deepEqual((await renderSite(app, { full: true })).failed, []);
  assert.match(readFileSync(join(out, 'people', 'zed', 'index.html'), 'utf8'), /far future[\s\S]*9999/);
  // Now break the person's timeline for good (a folder where its feed goes) and render everything again.
  execFileSync('rm', ['-f', join(out, 'people', 'zed', 'atom.xml')]);
  mkdirSync(join(out, 'people', 'zed', 'atom.xml'));
  await ingest.handle(ev.status({ id: 'z' }, 'one more'));
  const r = await renderSite(app, { full: true });
  assert.deepEqual(
    r.failed.map((f) => f.what),
    ['people/zed/atom.xml'],
  );
  assert.ok(existsSync(join(out, 'people', 'zed', 'index.html')), 'the page is still there');
  assert.ok(existsSync(join(out, 'people', 'zed', 'feed.xml')));
  assert.match(readFileSync(join(out, 'index.html'), 'utf8'), /one more/);
  // A timeline whose rendering throws (a theme's template that breaks on it) keeps its last good files too. The
  // render threads read the theme as the site's config gives it.
  const theme = join(dir, 'theme');
  mkdirSync(theme);
  const builtIn = readFileSync(join(import.meta.dirname, '..', '..', 'templates', 'timeline.njk'), 'utf8');
  writeFileSync(
    join(theme, 'timeline.njk'),
    builtIn.replace(
      '{% block main %}',
      "{% block main %}{% if 'Zed' in heading and not pageLabel %}{{ zedBreaks() }}{% endif %}",
    ),
  );
  await app.close();
  const themed = await testApp(dir, { site: { pageSize: 5, templatesDir: theme } });
  const broken = await renderSite(themed, { full: true });
  await themed.close();
  assert.deepEqual(
    broken.failed.map((f) => f.what),
    ['timeline people/zed/'],
  );
  assert.match(broken.failed[0]!.error, /zedBreaks/);
  for (const f of ['index.html', 'feed.xml', 'feed.json', 'page/1.html'])
    assert.ok(existsSync(join(out, 'people', 'zed', f)), f);
});
