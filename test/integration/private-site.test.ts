// Issue 15: a private site stays incremental (one new post writes as many files as on a public site, none sealed again
// for nothing), and a new passphrase re-seals every file, which the old one no longer opens.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openApp, renderSite } from '../../src/app/context.ts';
import { loadConfig } from '../../src/config/index.ts';
import { meshDeps } from '../../src/app/mesh-deps.ts';
import { pullSources } from '../../src/mesh/job.ts';
import { startPreview } from '../../src/site/preview.ts';
import { Ingest } from '../../src/core/ingest.ts';
import { assertNowhere, ev, tempDir, testConfig, treeText } from '../helpers.ts';

const alice = { id: 'alice', display: 'Alice' };
const BIN = resolve('bin/meshline.js');

async function site(dir: string, passphrase?: string) {
  const app = await openApp(testConfig(dir, passphrase ? { site: { private: { passphrase } } } : {}));
  return { app, ingest: new Ingest(app.store, app.rules()) };
}

/** Opens a sealed file as a reader's browser does: the key from the passphrase and the salt and rounds it carries. */
function openFile(bytes: Buffer, passphrase: string): string {
  const salt = bytes.subarray(4, 20);
  const rounds = bytes.readUInt32BE(20);
  const key = pbkdf2Sync(passphrase, salt, rounds, 32, 'sha256');
  const d = createDecipheriv('aes-256-gcm', key, bytes.subarray(24, 36));
  d.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([d.update(bytes.subarray(36, bytes.length - 16)), d.final()]).toString('utf8');
}

const sealedOf = (shell: string) =>
  Buffer.from(/id="sealed">\n([\s\S]*?)<\/script>/.exec(shell)![1]!.replace(/\s/g, ''), 'base64');

test('issue 15: one new post on a private site writes as many files as on a public one', async () => {
  // A public site also updates its search index (issue 16), which a private one does not publish: counted apart.
  const counts: number[] = [];
  const batches: number[] = [];
  for (const passphrase of [undefined, 'a passphrase for the group']) {
    const { app, ingest } = await site(tempDir(), passphrase);
    await ingest.handle(ev.join(alice));
    for (let i = 0; i < 12; i++) await ingest.handle(ev.dm(alice, `post number ${i} #garden`));
    await renderSite(app, { full: true });
    await ingest.handle(ev.dm(alice, 'post one more #garden'));
    const indexed = (await app.store.manifestPathsUnder('search/')).length;
    assert.ok(passphrase ? indexed === 0 : indexed > 0, 'only the public site has a search index');
    counts.push((await renderSite(app)).written);
    // Its batch: both write its network's timeline; the public one also the shards of "one", "more" and "garden", a
    // bucket of summaries and its sitemap file, which a private site has not.
    batches.push((await renderSite(app, { retryNow: true })).written);
    // Nothing changed: nothing sealed or written again.
    assert.equal((await renderSite(app, { full: true })).written, 0);
    await app.close();
  }
  assert.equal(counts[1], counts[0], `public ${counts[0]}, private ${counts[1]}`);
  assert.equal(batches[0]! - batches[1]!, 5, `batches: public ${batches[0]}, private ${batches[1]}`);
});

test('issue 15: a new passphrase re-seals every file; the old one opens none of them', async () => {
  const dir = tempDir();
  const first = await site(dir, 'the first passphrase');
  await first.ingest.handle(ev.join(alice));
  await first.ingest.handle(ev.dm(alice, 'post before the change'));
  const files = (await renderSite(first.app, { full: true })).files;
  const home = () => readFileSync(join(dir, 'output/index.html'), 'utf8');
  assert.match(openFile(sealedOf(home()), 'the first passphrase'), /before the change/);
  await first.app.close();

  const second = await site(dir, 'the second passphrase');
  const r = await renderSite(second.app);
  assert.equal(r.full, true);
  // Every file, sent again (the three in clear too: the manifest knows files by plaintext and key).
  assert.equal(r.written, files);
  assert.match(openFile(sealedOf(home()), 'the second passphrase'), /before the change/);
  assert.throws(() => openFile(sealedOf(home()), 'the first passphrase'));
  const feed = readFileSync(join(dir, 'output/feed.json'));
  assert.match(openFile(feed, 'the second passphrase'), /"content_text": "before the change"/);
  await second.app.close();
});

test('issue 15: members read home feeds at their own links until revoked; a passphrase from the env', async () => {
  const dir = tempDir();
  writeFileSync(
    join(dir, 'meshline.yaml'),
    'site:\n  url: https://group.example.org/\n  outputDir: output\n' +
      '  private:\n    passphrase: "${GROUP_PASSPHRASE}"\n' +
      'store: { path: data/meshline.db }\npreview: { enabled: false }\n',
  );
  const env = { ...process.env, GROUP_PASSPHRASE: 'a passphrase from the environment' };
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env });
    return { code: r.status, out: r.stdout + r.stderr };
  };
  const missing = spawnSync(process.execPath, [BIN, 'feed-link', 'list'], { cwd: dir, encoding: 'utf8' });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /GROUP_PASSPHRASE is not set/);
  assert.match(run('feed-link', 'list').out, /no feed links/);
  const added = run('feed-link', 'add', 'alice');
  assert.equal(added.code, 0, added.out);
  const url = /alice: (https:\/\/group\.example\.org\/f\/[A-Za-z0-9_-]{43}\/feed\.xml)/.exec(added.out)![1]!;
  assert.match(run('feed-link', 'add', 'alice').out, /there is a link called alice already/);
  const file = join(dir, 'output', new URL(url).pathname);
  // A post, rendered: the member's feed has it in clear, where the site's own feed is sealed.
  const { config } = await loadConfig(join(dir, 'meshline.yaml'), env);
  const app = await openApp({ ...config, ingest: { ...config.ingest, statusDebounceSeconds: 0 } });
  const ingest = new Ingest(app.store, app.rules());
  await ingest.handle(ev.join(alice));
  await ingest.handle(ev.dm(alice, 'post for the members'));
  await renderSite(app);
  const feed = spawnSync(
    '/usr/bin/python3',
    ['-c', 'import sys,feedparser;d=feedparser.parse(sys.argv[1]);print(d.bozo,d.entries[0].title)', file],
    { encoding: 'utf8' },
  );
  assert.equal(feed.stdout.trim(), 'False Alice: for the members', feed.stderr);
  assert.ok(!readFileSync(join(dir, 'output/feed.xml')).includes('for the members'));
  assert.match(run('feed-link', 'remove', 'alice').out, /alice's link is revoked/);
  assert.equal(run('render').code, 0);
  assert.equal(existsSync(file), false);
});

test('issue 15: private sites of one group follow each other; a site outside the group is refused', async () => {
  const group = 'the group passphrase';
  const served = async (passphrase?: string) => {
    const dir = tempDir();
    const { server, url } = await startPreview(join(dir, 'output'), '127.0.0.1', 0);
    after(() => server.close());
    const extra = {
      site: { url, ...(passphrase ? { private: { passphrase } } : {}) },
      mesh: { allowPrivateAddresses: true },
    };
    const app = await openApp(testConfig(dir, extra));
    after(() => app.close());
    return { app, dir, url: url.replace(/\/?$/, '/') };
  };
  const a = await served(group);
  const ingest = new Ingest(a.app.store, a.app.rules());
  await ingest.handle(ev.join(alice));
  await ingest.handle(ev.dm(alice, 'post GROUPMARKER for the group'));
  await renderSite(a.app, { full: true });

  // B, in the group: opens A's sealed site document, feed and signature, and seals what it shows in turn.
  const b = await served(group);
  await b.app.store.sources.add(a.url, 'cli');
  const pulled = await pullSources(meshDeps(b.app), { all: true });
  assert.deepEqual([pulled.added, pulled.refused], [1, 0]);
  await renderSite(b.app, { full: true });
  const mesh = readFileSync(join(b.dir, 'output/mesh/index.html'), 'utf8');
  assert.ok(!mesh.includes('GROUPMARKER'));
  assert.match(openFile(sealedOf(mesh), group), /GROUPMARKER for the group/);

  // C, outside: refused, nothing kept.
  const c = await served();
  await c.app.store.sources.add(a.url, 'cli');
  const outside = await pullSources(meshDeps(c.app), { all: true });
  assert.deepEqual([outside.added, outside.refused], [0, 1]);
  const row = (await c.app.store.sources.list())[0]!;
  assert.match(row.result!, /sealed for a private group this site is not in/);
});

test('issue 15: a private site in a bucket holds nothing of the group, in any encoding', async () => {
  const { startS3rver, s3rverSection } = await import('../servers/s3.ts');
  const { publishSite } = await import('../../src/app/publish.ts');
  const s3 = await startS3rver();
  after(() => s3.stop());
  const dir = tempDir();
  const app = await openApp(
    testConfig(dir, {
      site: { private: { passphrase: 'a passphrase for the bucket' } },
      publish: { target: 's3', debounceSeconds: 1, s3: s3rverSection(s3.endpoint) },
    }),
  );
  after(() => app.close());
  const ingest = new Ingest(app.store, app.rules());
  await ingest.handle(ev.join({ id: 'zebedee', display: 'Zebedee' }));
  await ingest.handle(ev.dm({ id: 'zebedee' }, 'post BUCKETMARKER about #moonlight'));
  await renderSite(app, { full: true });
  const p = (await publishSite(app.store, app.target!)).publish;
  assert.ok(p.uploaded > 20 && p.failed === 0, JSON.stringify(p));
  assertNowhere(treeText(s3.dir), ['BUCKETMARKER', 'zebedee', 'Zebedee', 'moonlight']);
});
