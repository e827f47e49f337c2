// Issue 12, publishing: a target Meshline has not published to is compared with the site once, then kept
// incremental; listing goes through the shared retry; a target that cannot be written is a failure.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetBucketWebsiteCommand } from '@aws-sdk/client-s3';
import { renderSite } from '../../src/app/context.ts';
import { drainPublish, publishSite } from '../../src/app/publish.ts';
import { Ingest } from '../../src/core/ingest.ts';
import { bucketClient, s3rverSection, startS3Proxy, startS3rver } from '../servers/s3.ts';
import { ev, snapshotDir, tempDir, testApp } from '../helpers.ts';

const s3 = await startS3rver();
after(() => s3.stop());
const bucket = bucketClient(s3.endpoint);
const BIN = join(process.cwd(), 'bin/meshline.js');

const meshline = (cwd: string, ...args: string[]) =>
  new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    // Asynchronous: s3rver and the proxy answer from this process.
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, MESHLINE_LOG: 'warn' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d;
    });
    child.on('close', (code: number | null) => resolve({ code, out, err }));
  });

/** A site rendered with no publish target at all: its outbox holds nothing to send. */
async function renderedAlone(dir: string) {
  const app = await testApp(dir, { site: { outputDir: join(dir, 'output') } });
  const ingest = new Ingest(app.store, app.rules());
  await ingest.handle(ev.join({ id: 'ann' }));
  for (const t of ['one #a', 'two #b', 'three']) await ingest.handle(ev.status({ id: 'ann' }, t));
  await renderSite(app);
  // Issue 18: with no target, a render queues nothing to send (a full render of a big site wrote a row per file).
  assert.equal(await app.store.outboxCount('publish'), 0);
  await renderSite(app, { full: true });
  assert.equal(await app.store.outboxCount('publish'), 0);
  await drainPublish(app.store, null);
  await app.close();
}

const config = (publish: string) =>
  `site:\n  outputDir: output\n  url: https://status.example.org/\nstore:\n  path: meshline.db\n` +
  `preview:\n  enabled: false\ningest:\n  statusDebounceSeconds: 0\npublish:\n${publish}`;

test('issue 12: the first publish to an empty bucket sends the whole site; the next sends only changes', async () => {
  const dir = tempDir();
  await renderedAlone(dir);
  const proxy = await startS3Proxy(s3.port);
  try {
    const prefix = 'first/';
    writeFileSync(
      join(dir, 'meshline.yaml'),
      config(
        `  target: s3\n  s3:\n    provider: generic\n    bucket: site\n    prefix: ${prefix}\n` +
          `    endpoint: ${proxy.endpoint}\n    accessKeyId: S3RVER\n    secretAccessKey: S3RVER\n`,
      ),
    );
    const first = await meshline(dir, 'publish');
    assert.equal(first.code, 0, first.out + first.err);
    assert.match(first.out, /first publish there: compared with the site\): 0 objects listed; fixed (\d+) missing/);
    const local = snapshotDir(join(dir, 'output'));
    const remote = new Map(
      [...(await bucket.list())].filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]),
    );
    assert.deepEqual([...remote].sort(), [...local].sort());
    // Issue 17: the bucket serves the site's 404 page for addresses it does not have.
    assert.ok(local.has('404.html'));
    const website = await bucket.client.send(new GetBucketWebsiteCommand({ Bucket: 'site' }));
    assert.deepEqual([website.IndexDocument?.Suffix, website.ErrorDocument?.Key], ['index.html', `${prefix}404.html`]);
    proxy.requests.length = 0;
    const second = await meshline(dir, 'publish');
    assert.match(second.out, /0 uploaded/);
    assert.deepEqual(
      proxy.requests.filter((r) => r.startsWith('GET')),
      [],
      'no listing once published',
    );
  } finally {
    await proxy.stop();
  }
});

test('issue 12: the same for a new local folder; an unwritable folder fails the publish, keeps the queue', async () => {
  const dir = tempDir();
  await renderedAlone(dir);
  writeFileSync(join(dir, 'meshline.yaml'), config('  local:\n    dir: public\n'));
  const first = await meshline(dir, 'publish');
  assert.equal(first.code, 0, first.out + first.err);
  assert.deepEqual([...snapshotDir(join(dir, 'public'))].sort(), [...snapshotDir(join(dir, 'output'))].sort());
  // A path under a file can never be a folder (read-only folders do not stop root, as tests run here).
  writeFileSync(join(dir, 'blocker'), '');
  writeFileSync(join(dir, 'meshline.yaml'), config('  local:\n    dir: blocker/site\n'));
  const blocked = await meshline(dir, 'publish');
  assert.equal(blocked.code, 1, blocked.out + blocked.err);
  assert.match(blocked.out, /0 uploaded .*; \d+ failed and \d+ wait for the next run/);
  assert.ok(!existsSync(join(dir, 'blocker', 'site')));
});

test('issue 12: verify lists through the shared retry: 500s on the listing do not abort it', async () => {
  const dir = tempDir();
  const proxy = await startS3Proxy(s3.port);
  try {
    const app = await testApp(dir, {
      publish: {
        target: 's3',
        s3: s3rverSection(proxy.endpoint, 'verify/'),
      },
    });
    const ingest = new Ingest(app.store, app.rules());
    await ingest.handle(ev.join({ id: 'bo' }));
    await ingest.handle(ev.status({ id: 'bo' }, 'hello'));
    await renderSite(app);
    await publishSite(app.store, app.target!);
    // Every listing request fails twice before it goes through.
    proxy.faults = ['500', '500', 'ok'];
    const r = await publishSite(app.store, app.target!, { verify: true });
    proxy.faults = ['ok'];
    assert.ok(r.verify && r.verify.listed > 0, 'the listing went through');
    assert.equal(r.publish.failed, 0);
  } finally {
    await proxy.stop();
  }
});
