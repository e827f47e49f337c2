// Benchmark: publish a synthetic corpus's site to s3rver, then one new post at a time; with Debian's rclone installed,
// `rclone sync` of the same folder to the same server in the same run.
// Prints figures (medians over --runs); asserts nothing. Usage: npm run bench:publish -- [--posts 100000] [--runs 3]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig, targetSectionOf } from '../src/config/index.ts';
import { s3Target } from '../src/publish/targets.ts';
import { openApp, renderSite } from '../src/app/context.ts';
import { drainPublish } from '../src/app/publish.ts';
import { importFile } from '../src/cli/import.ts';
import { Ingest } from '../src/core/ingest.ts';
import { setLogLevel } from '../src/log.ts';
import { S3Target } from '../src/publish/s3.ts';
import { startS3rver } from '../test/servers/s3.ts';
import { corpus, extraPost } from './corpus.ts';
import { existsSync } from 'node:fs';
import { median, runProcess } from './lib.ts';

const RCLONE = '/usr/bin/rclone';

setLogLevel('warn');
const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '8' },
  },
});
const POSTS = Number(values.posts);
const RUNS = Number(values.runs);

const scratch = mkdtempSync(join(tmpdir(), 'meshline-bench-publish-'));
const s3 = await startS3rver();
const rows: Record<string, number[]> = {};
const note = (k: string, v: number) => (rows[k] ??= []).push(v);
try {
  const file = join(scratch, 'corpus.jsonl');
  writeFileSync(
    file,
    [...corpus({ posts: POSTS, people: 500, rooms: 12, seed: 1 })].map((e) => JSON.stringify(e)).join('\n') + '\n',
  );
  const base = {
    site: { outputDir: join(scratch, 'output') },
    store: { path: join(scratch, 'meshline.db') },
    preview: { enabled: false },
  };
  const app = await openApp(parseConfig(base, {}));
  // Opened without a target, but publishing each run to one of its own: renders queue what they change.
  app.store.queuesPublish = true;
  await importFile(app, file, { enableRooms: true });
  const full = await renderSite(app, { full: true });
  process.stdout.write(
    `corpus: ${POSTS} posts, ${full.files} site files, ${RUNS} runs, ` +
      `concurrency ${values.concurrency}, s3rver on 127.0.0.1\n`,
  );
  const manifest = await app.store.loadManifest();
  const ingest = new Ingest(app.store, app.rules());

  for (let run = 1; run <= RUNS; run++) {
    // Each run publishes into its own prefix, so its first publish starts from an empty bucket.
    const cfg = parseConfig(
      {
        ...base,
        publish: {
          target: 's3',
          s3: {
            provider: 'generic',
            bucket: 'site',
            prefix: `run${run}/`,
            endpoint: s3.endpoint,
            accessKeyId: 'S3RVER',
            secretAccessKey: 'S3RVER',
            concurrency: Number(values.concurrency),
          },
        },
      },
      {},
    );
    const target = new S3Target(app.outputDir, targetSectionOf(cfg, s3Target));
    await app.store.queuePublish([...manifest.keys()].map((p) => [p, 'put'] as const));
    const first = await drainPublish(app.store, target);
    note('first publish s', first.ms / 1000);
    note('first publish requests', first.requests);
    note('first publish files', first.uploaded);
    note('first publish MB', first.bytes / 1048576);
    if (existsSync(RCLONE)) {
      // The same folder, server and concurrency; its remote given by environment, as rclone reads it.
      const env = {
        RCLONE_CONFIG_BENCH_TYPE: 's3',
        RCLONE_CONFIG_BENCH_PROVIDER: 'Other',
        RCLONE_CONFIG_BENCH_ENDPOINT: s3.endpoint,
        RCLONE_CONFIG_BENCH_ACCESS_KEY_ID: 'S3RVER',
        RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY: 'S3RVER',
        // Plain HTTP on loopback: a CA bundle from the environment only makes rclone's S3 client refuse to start.
        AWS_CA_BUNDLE: '',
      };
      const transfers = values.concurrency;
      const args = [
        'sync',
        app.outputDir,
        `bench:site/rclone${run}/`,
        '--transfers',
        transfers,
        '--checkers',
        transfers,
      ];
      const rclone = await runProcess(scratch, RCLONE, args, env);
      note('rclone sync s', rclone.ms / 1000);
      note('meshline / rclone: time ×100', (100 * first.ms) / rclone.ms);
    }
    for (let i = 0; i < 5; i++) {
      await ingest.handle(extraPost(run, i));
      const r = await renderSite(app);
      const inc = await drainPublish(app.store, target);
      note('one post: files changed', r.written + r.removed);
      note('one post: requests', inc.requests);
      note('one post: publish ms', inc.ms);
    }
    const onePostRequests = rows['one post: requests']!.slice(-5).join('/');
    const onePostMs = rows['one post: publish ms']!.slice(-5).map(Math.round).join('/');
    process.stdout.write(
      `run ${run}: first publish ${(first.ms / 1000).toFixed(1)} s, ${first.requests} requests; ` +
        `one post ${onePostRequests} requests in ${onePostMs} ms\n`,
    );
    target.close();
  }
  await app.close();
  process.stdout.write('\nmedian over runs:\n');
  for (const [k, xs] of Object.entries(rows))
    process.stdout.write(`  ${k.padEnd(28)} ${median(xs).toFixed(k.endsWith(' s') || k.endsWith('MB') ? 1 : 0)}\n`);
} finally {
  await s3.stop();
  rmSync(scratch, { recursive: true, force: true });
}
