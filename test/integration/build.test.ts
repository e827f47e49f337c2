// Issue 13: the compiled build. The built-in templates compiled by `npm run build` must be the ones in templates/,
// and render the same bytes as templates compiled at start; a changed template must not be served from the build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appendFileSync,
  cpSync,
  existsSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { corpus } from '../../bench/corpus.ts';
import { importFile } from '../../src/cli/import.ts';
import { renderSite } from '../../src/app/context.ts';
import { PACKAGE_ROOT } from '../../src/app/root.ts';
import { loadPrecompiled } from '../../src/render/precompiled.ts';
import { SiteIdentity } from '../../src/mesh/identity.ts';
import { snapshotDir, tempDir, testApp } from '../helpers.ts';

const BUILT = join(PACKAGE_ROOT, 'dist', 'templates.cjs');
const TEMPLATES = join(PACKAGE_ROOT, 'templates');

test('issue 13: npm run build compiled the templates as they are', () => {
  assert.ok(loadPrecompiled(BUILT, TEMPLATES), `${BUILT} is missing or was compiled from other templates`);
});

test('issue 13: compiled ahead of time or at start, the templates render the same bytes', async () => {
  const events = tempDir();
  const file = join(events, 'events.jsonl');
  writeFileSync(
    file,
    `${[...corpus({ posts: 80, people: 4, rooms: 2, seed: 3 })].map((e) => JSON.stringify(e)).join('\n')}\n`,
  );
  const copy = join(events, 'templates');
  cpSync(TEMPLATES, copy, { recursive: true });
  const sites: Map<string, string>[] = [];
  // One site key for both, so the feeds' signatures compare too.
  const key = join(events, 'site-key.pem');
  SiteIdentity.loadOrCreate(key);
  for (const templatesDir of [undefined, copy]) {
    const dir = tempDir();
    cpSync(key, join(dir, 'site-key.pem'));
    const app = await testApp(dir, { site: { pageSize: 5, feedSize: 5, ...(templatesDir ? { templatesDir } : {}) } });
    await importFile(app, file, { enableRooms: true });
    const full = await renderSite(app, { full: true });
    assert.equal(full.workers, 2, 'both worker threads did their share (started from the TypeScript sources)');
    sites.push(snapshotDir(join(dir, 'output')));
    await app.close();
  }
  assert.ok(sites[0]!.size > 80);
  assert.deepEqual(sites[0], sites[1]);
  // A template changed after the build is compiled at start, never taken from the build.
  appendFileSync(join(copy, 'base.njk'), '\n');
  assert.equal(loadPrecompiled(BUILT, copy), undefined);
});

/**
 * Issue 18: each command leaves V8's code cache beside the bundle (scripts/load.cjs); its first runs refine it, then it
 * stays. One V8 cannot read, broken or cut short, is compiled past and replaced, never a failure.
 */
function codeCache(root: string, version: () => ReturnType<typeof spawnSync>) {
  const file = join(root, 'dist', 'bundle', 'code-cache', 'help.bin');
  const runs = () => readFileSync(file)[0];
  assert.equal(runs(), 2, 'the two runs so far each left a cache');
  const ok = (r: ReturnType<typeof spawnSync>) => {
    assert.equal(r.status, 0, String(r.stderr));
    assert.equal(String(r.stderr), '');
    return String(r.stdout);
  };
  const expected = ok(version());
  assert.equal(runs(), 3);
  const learnt = readFileSync(file);
  assert.ok(learnt.length > 100_000, `a cache of ${learnt.length} bytes`);
  assert.equal(ok(version()), expected);
  assert.deepEqual(readFileSync(file), learnt, 'after three runs the cache is left as it is');
  // Its header kept: garbage, then a cache cut short (V8 refuses both); then a good cache of a bundle since changed.
  const bundle = join(root, 'dist', 'bundle', 'meshline.cjs');
  const breakings = [
    () => writeFileSync(file, Buffer.concat([learnt.subarray(0, 25), randomBytes(learnt.length - 25)])),
    () => writeFileSync(file, learnt.subarray(0, 5000)),
    () => {
      writeFileSync(file, learnt);
      // Later, so the build still counts as up to date.
      utimesSync(bundle, new Date(), new Date(statSync(bundle).mtimeMs + 1000));
    },
  ];
  for (const breaking of breakings) {
    breaking();
    assert.equal(ok(version()), expected);
    assert.equal(runs(), 1, 'a cache that cannot serve is made again');
    assert.ok(readFileSync(file).length > 100_000);
  }
  // A command that outlasts its first second grows its young generation (another V8 flag) and still leaves a cache
  // the next run takes.
  const slow = join(root, 'dist', 'bundle', 'code-cache', 'slow-test.bin');
  const loader = JSON.stringify(join(root, 'dist', 'bundle', 'load.cjs'));
  const longRun = () =>
    ok(spawnSync(process.execPath, ['-e', `require(${loader}).load('slow-test'); setTimeout(() => {}, 1300);`]));
  longRun();
  assert.equal(readFileSync(slow)[0], 1);
  longRun();
  assert.equal(readFileSync(slow)[0], 2, 'the cache made after the switch was taken');
}

test('issue 13: bin/meshline.js builds dist/ when it is missing and again when a source is newer', () => {
  // A copy of the checkout, as after a clone or a `git pull`; its dependencies are this one's.
  const root = tempDir();
  for (const part of [
    'bin',
    'scripts',
    'src',
    'adapters',
    'templates',
    'package.json',
    'tsconfig.json',
    'tsconfig.build.json',
  ])
    cpSync(join(PACKAGE_ROOT, part), join(root, part), { recursive: true });
  symlinkSync(join(PACKAGE_ROOT, 'node_modules'), join(root, 'node_modules'));
  const version = () =>
    spawnSync(process.execPath, [join(root, 'bin', 'meshline.js'), '--version'], { encoding: 'utf8' });
  const first = version();
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stderr, /compiling the TypeScript sources into dist\//);
  assert.ok(
    existsSync(join(root, 'dist', 'bundle', 'meshline.cjs')) && existsSync(join(root, 'dist', 'templates.cjs')),
  );
  const again = version();
  assert.equal(again.stderr, '', 'an up-to-date build is used as it is');
  assert.equal(again.stdout, first.stdout);
  codeCache(root, version);
  const later = new Date(Date.now() + 60_000);
  utimesSync(join(root, 'src', 'log.ts'), later, later);
  const rebuilt = version();
  assert.equal(rebuilt.status, 0, rebuilt.stderr);
  assert.match(rebuilt.stderr, /compiling/);
  assert.equal(rebuilt.stdout, first.stdout);
  const earlier = new Date(Date.now() - 3_600_000);
  utimesSync(join(root, 'src', 'log.ts'), earlier, earlier);
  // A file added to the sources is told by its folder (the build lists the sources; nothing is walked at each run).
  writeFileSync(join(root, 'src', 'core', 'added.ts'), 'export const added = 1;\n');
  const grown = version();
  assert.equal(grown.status, 0, grown.stderr);
  assert.match(grown.stderr, /compiling/);
  assert.equal(version().stderr, '');
});
