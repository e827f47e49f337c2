// Publishing to S3 against s3rver on loopback, through a proxy that counts requests and injects faults.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSite, type AppContext } from '../../src/app/context.ts';
import { drainPublish, verifyPublish } from '../../src/app/publish.ts';
import { Ingest } from '../../src/core/ingest.ts';
import { contentHash } from '../../src/site/writer.ts';
import { bucketClient, s3rverSection, startS3Proxy, startS3rver, type S3Proxy } from '../servers/s3.ts';
import { ev, snapshotDir, tempDir, testApp, until } from '../helpers.ts';

const s3 = await startS3rver();
after(() => s3.stop());
const bucket = bucketClient(s3.endpoint);

/** A fresh prefix per test keeps tests apart in the one bucket. */
let n = 0;
async function s3Site(proxy: S3Proxy, extra: Record<string, unknown> = {}) {
  const dir = tempDir();
  const prefix = `t${++n}/`;
  const s3cfg = s3rverSection(proxy.endpoint, prefix, extra);
  const app = await testApp(dir, { publish: { target: 's3', s3: s3cfg } });
  return { dir, app, prefix, s3cfg };
}

async function say(app: AppContext, texts: string[]) {
  const ingest = new Ingest(app.store, app.rules());
  await ingest.handle(ev.join({ id: 'alice' }));
  for (const t of texts) await ingest.handle(ev.status({ id: 'alice' }, t));
  await ingest.flushStatuses();
}

/** What the bucket holds under a prefix, as path → MD5, to compare with the output folder. */
async function bucketUnder(prefix: string): Promise<Map<string, string>> {
  const all = await bucket.list();
  return new Map([...all].filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
}

const sorted = (m: Map<string, string>) => [...m].sort(([a], [b]) => a.localeCompare(b));

test('S3: first publish uploads all files with content type and cache control; a new post sends changes', async () => {
  const proxy = await startS3Proxy(s3.port);
  const { dir, app, prefix } = await s3Site(proxy);
  try {
    await say(app, ['Reading in the garden #books', 'Making soup']);
    await renderSite(app);
    const first = await drainPublish(app.store, app.target);
    const local = snapshotDir(join(dir, 'output'));
    assert.equal(first.uploaded, local.size);
    assert.equal(first.failed, 0);
    assert.deepEqual(sorted(await bucketUnder(prefix)), sorted(local));
    assert.ok(
      proxy.requests.every((r) => r.startsWith('PUT ')),
      'the first publish only PUTs',
    );

    const heads: [string, string, string][] = [
      ['index.html', 'text/html; charset=utf-8', 'public, max-age=60'],
      ['feed.xml', 'application/rss+xml; charset=utf-8', 'public, max-age=60'],
      ['atom.xml', 'application/atom+xml; charset=utf-8', 'public, max-age=60'],
      ['feed.json', 'application/feed+json; charset=utf-8', 'public, max-age=60'],
      [[...local.keys()].find((p) => p.startsWith('posts/'))!, 'text/html; charset=utf-8', 'public, max-age=600'],
      [
        [...local.keys()].find((p) => p.startsWith('assets/style-'))!,
        'text/css; charset=utf-8',
        'public, max-age=31536000, immutable',
      ],
    ];
    for (const [path, type, cache] of heads) {
      const h = await bucket.head(prefix + path);
      assert.equal(h.ContentType, type, path);
      assert.equal(h.CacheControl, cache, path);
    }
    assert.equal(await bucket.text(prefix + 'index.html'), readFileSync(join(dir, 'output', 'index.html'), 'utf8'));

    proxy.requests.length = 0;
    await say(app, ['Off to the market']);
    const r = await renderSite(app);
    const second = await drainPublish(app.store, app.target);
    assert.equal(second.uploaded, r.written, 'every file the render wrote, no more');
    assert.ok(r.written > 0 && r.written <= 25, `${r.written} files`);
    assert.equal(proxy.requests.length, r.written, proxy.requests.join('\n'));
    assert.ok(
      proxy.requests.every((q) => q.startsWith('PUT ')),
      'nothing listed, nothing read',
    );
    assert.deepEqual(sorted(await bucketUnder(prefix)), sorted(snapshotDir(join(dir, 'output'))));
  } finally {
    await proxy.stop();
  }
});

test('S3: a removed post is deleted from the bucket; drift behind our back is repaired by verify', async () => {
  const proxy = await startS3Proxy(s3.port);
  const { dir, app, prefix } = await s3Site(proxy);
  try {
    await say(app, ['One', 'Two', 'Three']);
    await renderSite(app);
    await drainPublish(app.store, app.target);
    const permalink = [...snapshotDir(join(dir, 'output')).keys()].find(
      (p) => p.startsWith('posts/') && p.includes('two'),
    )!;
    assert.ok((await bucketUnder(prefix)).has(permalink));

    proxy.requests.length = 0;
    const { removePost } = await import('../../src/core/publish-post.ts');
    const id = Number(/posts\/(\d+)-/.exec(permalink)![1]);
    await app.store.write((tx) => removePost(tx, id, app.rules()));
    await renderSite(app);
    const p = await drainPublish(app.store, app.target);
    // Its permalink, and the search shards of words only it had (issue 16).
    const deleted = proxy.requests.filter((q) => q.startsWith('DELETE ')).map((q) => q.split(' ')[1]!.split('?')[0]!);
    assert.equal(p.deleted, deleted.length);
    assert.ok(
      deleted.every((d) => d === `/site/${prefix}${permalink}` || d.startsWith(`/site/${prefix}search/t/`)),
      deleted.join(' '),
    );
    assert.ok(
      proxy.requests.some((q) => q.startsWith(`DELETE /site/${prefix}${permalink}?`)),
      proxy.requests.join('\n'),
    );
    assert.ok(!(await bucketUnder(prefix)).has(permalink));
    const deletes = proxy.requests.map((q, i) => [q, i] as const).filter(([q]) => q.startsWith('DELETE'));
    assert.ok(
      deletes.every(([, i]) => i >= proxy.requests.length - deletes.length),
      'deletions go last',
    );

    // Drift: an object removed, one overwritten, one stray, all behind Meshline's back.
    const { DeleteObjectCommand, PutObjectCommand } = await import('@aws-sdk/client-s3');
    await bucket.client.send(new DeleteObjectCommand({ Bucket: 'site', Key: `${prefix}feed.xml` }));
    await bucket.client.send(new PutObjectCommand({ Bucket: 'site', Key: `${prefix}index.html`, Body: 'defaced' }));
    await bucket.client.send(new PutObjectCommand({ Bucket: 'site', Key: `${prefix}stray.html`, Body: 'not ours' }));
    const v = await verifyPublish(app.store, app.target!);
    assert.deepEqual([v.missing, v.changed, v.stray], [1, 1, 1]);
    assert.deepEqual(sorted(await bucketUnder(prefix)), sorted(snapshotDir(join(dir, 'output'))));
    const again = await verifyPublish(app.store, app.target!);
    assert.deepEqual([again.missing, again.changed, again.stray, again.publish.uploaded], [0, 0, 0, 0]);
  } finally {
    await proxy.stop();
  }
});

test('S3: 500s, slow answers and dropped connections: publish still converges with nothing missing', async () => {
  const proxy = await startS3Proxy(s3.port);
  const { dir, app, prefix } = await s3Site(proxy, { timeoutSeconds: 1, attempts: 10, concurrency: 4 });
  proxy.slowMs = 1500;
  proxy.faults = ['ok', '500', 'ok', 'drop', 'slow', 'ok', '500', 'ok'];
  try {
    await say(
      app,
      Array.from({ length: 12 }, (_, i) => `Status number ${i} #faults`),
    );
    await renderSite(app);
    const p = await drainPublish(app.store, app.target);
    assert.equal(p.failed, 0);
    assert.ok(proxy.requests.length > p.uploaded, 'faults made some requests repeat');
    proxy.faults = ['ok'];
    assert.deepEqual(sorted(await bucketUnder(prefix)), sorted(snapshotDir(join(dir, 'output'))));
    assert.equal(await app.store.outboxCount('publish'), 0);
  } finally {
    await proxy.stop();
  }
});

test('S3: a publish that keeps failing stops before the timelines, so no link points at a missing page', async () => {
  const proxy = await startS3Proxy(s3.port);
  const { app, prefix } = await s3Site(proxy, { timeoutSeconds: 1, attempts: 2 });
  proxy.faults = ['500'];
  try {
    await say(app, ['Nobody can see this yet']);
    await renderSite(app);
    const p = await drainPublish(app.store, app.target);
    assert.ok(p.failed > 0 && p.waiting > 0);
    assert.equal((await bucketUnder(prefix)).size, 0);
    assert.ok(
      proxy.requests.every((q) => /^PUT \/site\/t\d+\/(posts|assets)\//.test(q)),
      'only leaves were tried',
    );
    proxy.faults = ['ok'];
    const out = await app.store.peekPublish(1000);
    assert.ok(out.length > 0, 'the outbox keeps every file for the next run');
    // Issue 12: a publish that runs while the failed files wait for their retry (what `run` does on the next
    // change) sent later stages, and pages linked to permalinks that were not there. They hold their stage now.
    const meanwhile = await drainPublish(app.store, app.target);
    assert.equal(meanwhile.failed, 0);
    assert.ok(
      meanwhile.waiting > 0 && meanwhile.holding.some((h) => h.startsWith('put posts/')),
      meanwhile.holding.join(),
    );
    const there = [...(await bucketUnder(prefix)).keys()];
    assert.ok(
      !there.some((k) => k.endsWith('index.html') || k.endsWith('.xml')),
      `nothing linking went live: ${there.join(', ')}`,
    );
  } finally {
    await proxy.stop();
  }
});

test('S3: killed mid-publish, the next start completes it and the bucket matches the site', async () => {
  const proxy = await startS3Proxy(s3.port);
  proxy.slowMs = 150;
  proxy.faults = ['slow'];
  const { dir, prefix, s3cfg } = await s3Site(proxy, { concurrency: 2 });
  writeFileSync(
    join(dir, 'meshline.yaml'),
    JSON.stringify({
      site: { outputDir: 'output', url: 'https://status.example.org/' },
      store: { path: 'meshline.db' },
      preview: { enabled: false },
      publish: { target: 's3', s3: s3cfg },
    }),
  );
  writeFileSync(
    join(dir, 'e.jsonl'),
    [
      { kind: 'direct', text: 'join', network: 'n', sender: { id: 'bo', display: 'Bo' }, at: 1 },
      ...Array.from({ length: 40 }, (_, i) => ({
        kind: 'status',
        presence: 'available',
        text: `Status ${i}`,
        network: 'n',
        sender: { id: 'bo', display: 'Bo' },
        at: 1000 * (i + 2),
      })),
    ]
      .map((e) => JSON.stringify(e))
      .join('\n') + '\n',
  );
  const bin = join(process.cwd(), 'bin/meshline.js');
  const run = (...args: string[]) =>
    spawn(process.execPath, [bin, ...args], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MESHLINE_LOG: 'warn' },
    });
  const done = (c: ReturnType<typeof run>) =>
    new Promise<{ code: number | null; out: string }>((r) => {
      let out = '';
      c.stdout!.on('data', (b) => (out += b));
      c.stderr!.on('data', (b) => (out += b));
      c.once('exit', (code) => r({ code, out }));
    });
  try {
    assert.equal((await done(run('import', 'e.jsonl'))).code, 0);
    const first = run('publish', '--quiet');
    const firstDone = done(first);
    await until('some uploads', () => proxy.requests.length >= 20 || undefined, 30_000);
    first.kill('SIGKILL');
    await firstDone;
    const partial = (await bucketUnder(prefix)).size;
    const local = snapshotDir(join(dir, 'output'));
    assert.ok(partial > 0 && partial < local.size, `${partial} of ${local.size} uploaded before the kill`);
    proxy.faults = ['ok'];
    const second = await done(run('publish'));
    assert.equal(second.code, 0, second.out);
    assert.match(second.out, /published to s3:\/\/site\/t\d+\/: \d+ uploaded/);
    assert.deepEqual(sorted(await bucketUnder(prefix)), sorted(local));
    for (const [path, hash] of local) assert.equal(contentHash(readFileSync(join(dir, 'output', path))), hash);
  } finally {
    await proxy.stop();
  }
});

test('S3: a running Meshline publishes a status within seconds, a burst of statuses in one publish', async () => {
  const { PassThrough } = await import('node:stream');
  const { Runtime } = await import('../../src/app/runtime.ts');
  const proxy = await startS3Proxy(s3.port);
  const dir = tempDir();
  const prefix = 'live/';
  const app = await testApp(dir, {
    console: { enabled: false },
    // The burst's share of the search index, sitemap and network timeline comes in a batch of its own (issue 17).
    site: { batchSeconds: 2 },
    publish: {
      target: 's3',
      debounceSeconds: 1,
      s3: s3rverSection(proxy.endpoint, prefix),
    },
  });
  const publishes: number[] = [];
  const runtime = new Runtime(
    app,
    { input: new PassThrough(), output: new PassThrough(), quit: () => undefined },
    { published: (p) => publishes.push(p.uploaded) },
  );
  try {
    await runtime.start();
    await until('the first publish', () => publishes.length === 1 || undefined);
    const started = Date.now();
    await runtime.onEvent(ev.join({ id: 'zoe' }));
    for (let i = 0; i < 5; i++) await runtime.onEvent(ev.status({ id: 'zoe' }, `Burst ${i}`));
    await until(
      'the burst published',
      async () => (await bucket.text(`${prefix}index.html`).catch(() => '')).includes('Burst 4') || undefined,
      15_000,
    );
    assert.ok(Date.now() - started < 10_000, `published after ${Date.now() - started} ms`);
    await runtime.clock.idle();
    // One publish for the burst's pages, one for its batch, due two seconds after the first status.
    assert.equal(publishes.length, 3, `one publish for the burst and one for its batch: ${publishes.join(', ')}`);
  } finally {
    await runtime.stop();
    await proxy.stop();
  }
});

test('doctor says whether the bucket is reachable with the configured keys', async () => {
  const { spawnSync } = await import('node:child_process');
  const dir = tempDir();
  const cfg = (bucketName: string, secret: string) =>
    JSON.stringify({
      preview: { enabled: false },
      publish: {
        target: 's3',
        s3: {
          provider: 'generic',
          bucket: bucketName,
          endpoint: s3.endpoint,
          accessKeyId: 'S3RVER',
          secretAccessKey: secret,
        },
      },
    });
  const doctor = () =>
    spawnSync(process.execPath, [join(process.cwd(), 'bin/meshline.js'), 'doctor'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, MESHLINE_LOG: 'warn' },
    });
  writeFileSync(join(dir, 'meshline.yaml'), cfg('site', 'S3RVER'));
  const good = doctor();
  assert.equal(good.status, 0, good.stdout + good.stderr);
  assert.match(
    good.stdout,
    /ok\s+publish\s+s3:\/\/site\/ is reachable \(generic, http:\/\/127\.0\.0\.1:\d+, region us-east-1\)/,
  );
  writeFileSync(join(dir, 'meshline.yaml'), cfg('no-such-bucket', 'S3RVER'));
  const bad = doctor();
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /FAIL publish\s+s3:\/\/no-such-bucket\/: .*(NotFound|404).*check publish\.s3\.bucket/);
});

test('S3: the scheduled verify repairs drift in the bucket while Meshline runs', async () => {
  const { PassThrough } = await import('node:stream');
  const { Runtime } = await import('../../src/app/runtime.ts');
  const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
  const dir = tempDir();
  const prefix = 'nightly/';
  const app = await testApp(dir, {
    console: { enabled: false },
    schedule: { verify: '*/2 * * * * *' },
    publish: {
      target: 's3',
      debounceSeconds: 0,
      s3: s3rverSection(s3.endpoint, prefix),
    },
  });
  const runtime = new Runtime(app, { input: new PassThrough(), output: new PassThrough(), quit: () => undefined });
  try {
    await runtime.start();
    await runtime.onEvent(ev.join({ id: 'max' }));
    await runtime.onEvent(ev.status({ id: 'max' }, 'Checking the bucket'));
    await until(
      'the status published',
      async () =>
        (await bucket.text(`${prefix}index.html`).catch(() => '')).includes('Checking the bucket') || undefined,
    );
    await bucket.client.send(new DeleteObjectCommand({ Bucket: 'site', Key: `${prefix}feed.xml` }));
    await until(
      'feed.xml put back by the scheduled verify',
      async () => (await bucketUnder(prefix)).has('feed.xml') || undefined,
      10_000,
    );
  } finally {
    await runtime.stop();
  }
});
