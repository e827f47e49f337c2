// Issue 14: what a site follows, through the command: follow, unfollow, following, pull, and mesh.follow in the config.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderSite } from '../../src/app/context.ts';
import { Ingest } from '../../src/core/ingest.ts';
import { startPreview } from '../../src/site/preview.ts';
import { ev, tempDir, testApp } from '../helpers.ts';
import { freePort } from '../servers/irc-servers.ts';

const BIN = resolve('bin/meshline.js');

test('issue 14: follow, unfollow and following from the command line, beside mesh.follow', () => {
  const dir = tempDir();
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const key = Buffer.alloc(32, 7).toString('base64');
  writeFileSync(
    join(dir, 'meshline.yaml'),
    `mesh:\n  follow: ["@Alice@Their.Site", { source: "https://b.example/", key: "${key}" }]\n` +
      'preview: { enabled: false }\n',
  );
  assert.equal(run('following').out.split('\n').filter(Boolean).length, 2);
  assert.match(run('following').out, /^@alice@their\.site\t\(mesh\.follow\)\tnot pulled yet\tno key pinned yet$/m);
  assert.match(run('following').out, /^https:\/\/b\.example\/\t\(mesh\.follow\)\tnot pulled yet\tkey SHA256:\S+$/m);

  const f = run('follow', '#Garden@their.site');
  assert.equal(f.code, 0, f.err);
  assert.match(f.out, /^following #garden@their\.site; it is pulled on the next run$/m);
  assert.match(run('follow', '#garden@THEIR.site').out, /already following #garden@their\.site/);
  const bad = run('follow', 'their.site');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /"their\.site" is not a source: a site or feed URL, @person@host or #tag@host/);
  assert.equal(run('follow', 'https://x.example/', '--key', 'short').code, 2);
  // Accepting a key (the one a refusal names): pinned from now on.
  const other = Buffer.alloc(32, 9).toString('base64');
  assert.match(run('follow', '#garden@their.site', '--key', other).out, /is checked with key SHA256:\S+ from now on/);
  assert.match(run('following').out, /^#garden@their\.site\t\(command line\)\tnot pulled yet\tkey SHA256:/m);

  const cfg = run('unfollow', '@alice@their.site');
  assert.equal(cfg.code, 2);
  assert.match(cfg.err, /followed by mesh\.follow in the config: remove it there/);
  assert.match(run('unfollow', '#garden@their.site').out, /no longer following #garden@their\.site/);
  assert.match(run('unfollow', '#garden@their.site').err, /not following #garden@their\.site/);

  // Doctor lists them too, each with its last pull and key.
  assert.match(
    run('doctor').out,
    /^ok +follows +@alice@their\.site {2}\(mesh\.follow\) {2}not pulled yet {2}no key pinned yet$/m,
  );
  // The config is the list of what it follows: a source taken out of it is no longer followed.
  writeFileSync(join(dir, 'meshline.yaml'), 'mesh:\n  follow: ["https://b.example/"]\npreview: { enabled: false }\n');
  assert.deepEqual(
    run('following')
      .out.split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')[0]),
    ['https://b.example/'],
  );
});

test('issue 14: meshline pull fetches every source now and renders; a failing one is named and exits 1', async () => {
  const a = tempDir();
  const { server, url } = await startPreview(join(a, 'output'), '127.0.0.1', 0);
  after(() => server.close());
  const app = await testApp(a, { site: { url } });
  const ingest = new Ingest(app.store, app.rules());
  await ingest.handle(ev.join({ id: 'alice', display: 'Alice' }));
  await ingest.handle(ev.dm({ id: 'alice' }, 'post Hello from the command line'));
  await renderSite(app, { full: true });

  const dir = tempDir();
  // A port nobody listens on: that source fails, the other is pulled.
  const closed = `http://127.0.0.1:${await freePort()}/`;
  writeFileSync(
    join(dir, 'meshline.yaml'),
    `mesh:\n  allowPrivateAddresses: true\n  timeoutSeconds: 5\n  follow: ["${url}/", "${closed}"]\n` +
      'preview: { enabled: false }\n',
  );
  const run = (...args: string[]) =>
    new Promise<{ code: number | null; out: string }>((done) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: dir });
      let out = '';
      child.stdout.on('data', (b) => (out += b));
      child.stderr.on('data', (b) => (out += b));
      child.on('close', (code) => done({ code, out }));
    });
  const first = await run('pull');
  assert.equal(first.code, 1, first.out);
  assert.match(first.out, /pulled 2 sources: 1 changed, 0 unchanged, 1 failed, 0 refused; 1 new posts/);
  assert.match(first.out, new RegExp(`^  ${closed.replace(/[.]/g, '\\.')}: failed: `, 'm'));
  assert.match(first.out, /^rendered: \d+ files written/m);
  assert.match(readFileSync(join(dir, 'output/mesh/index.html'), 'utf8'), /Hello from the command line/);
  const again = await run('pull');
  assert.match(again.out, /pulled 2 sources: 0 changed, 1 unchanged, 1 failed/);
  assert.match((await run('following')).out, /next \S+ \(after 2 failures\)/);
});
