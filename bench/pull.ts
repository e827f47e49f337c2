// Benchmark: one site following --sources Meshline sites (each a signed JSON Feed of 20 posts, served with ETags by
// one HTTP server on 127.0.0.1, each with a box key and no inbox), pulled in full once, then again with nothing
// changed, then with one site changed.
// Prints time, requests, bytes received and peak memory (medians over --runs); asserts nothing.
// Usage: npm run bench:pull -- [--sources 1000] [--runs 3]
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openApp } from '../src/app/context.ts';
import { parseConfig } from '../src/config/index.ts';
import { boxKeyText, deriveBoxKeys } from '../src/mesh/box.ts';
import { pullSources, type PullSummary } from '../src/mesh/job.ts';
import { setLogLevel } from '../src/log.ts';
import { median } from './lib.ts';

setLogLevel('error');
const { values } = parseArgs({
  options: { sources: { type: 'string', default: '1000' }, runs: { type: 'string', default: '3' } },
});
const SOURCES = Number(values.sources);
const RUNS = Number(values.runs);

interface Site {
  key: KeyObject;
  publicKey: string;
  box: string;
  version: number;
  files: Map<string, { body: Buffer; etag: string }>;
}

const at0 = Date.UTC(2026, 0, 1);

function feedOf(i: number, version: number, root: string): string {
  const items = Array.from({ length: 20 }, (_, n) => {
    const id = `${root}posts/${version * 20 + n}-post.html`;
    const text = `Post ${n} of site ${i}, version ${version}: ${'words '.repeat(20)}`;
    const date = new Date(at0 + (version * 20 + n) * 60_000).toISOString();
    return { id, url: id, content_text: text, date_published: date, authors: [{ name: `Person ${i}` }] };
  });
  return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: `Site ${i}`, items: items.reverse() });
}

function publish(site: Site, i: number, root: string): void {
  const feed = Buffer.from(feedOf(i, site.version, root));
  const sig = Buffer.from(sign(null, feed, site.key).toString('base64'));
  const doc = Buffer.from(
    JSON.stringify({
      meshline: 1,
      name: `Site ${i}`,
      url: root,
      publicKey: site.publicKey,
      // A box key like any Meshline site's: each pull then also asks for the site's inbox (none here: a 404).
      boxKey: site.box,
      boxKeySignature: sign(null, Buffer.from(boxKeyText(site.box)), site.key).toString('base64'),
      feeds: { json: `${root}feed.json`, signature: `${root}feed.json.sig` },
      people: [],
    }),
  );
  const etag = (b: Buffer) => `"${createHash('sha1').update(b).digest('hex')}"`;
  site.files = new Map([
    ['.well-known/meshline.json', { body: doc, etag: etag(doc) }],
    ['feed.json', { body: feed, etag: etag(feed) }],
    ['feed.json.sig', { body: sig, etag: etag(sig) }],
  ]);
}

const sites: Site[] = [];
let requests = 0;
let bytes = 0;
const server = createServer((req, res) => {
  requests++;
  const m = /^\/s\/(\d+)\/(.*)$/.exec(req.url ?? '');
  const file = m && sites[Number(m[1])]?.files.get(m[2]!);
  if (!file) return void res.writeHead(404).end();
  if (req.headers['if-none-match'] === file.etag) return void res.writeHead(304, { etag: file.etag }).end();
  bytes += file.body.length;
  res.writeHead(200, { etag: file.etag, 'content-length': file.body.length }).end(file.body);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;
const rootOf = (i: number) => `http://127.0.0.1:${port}/s/${i}/`;
for (let i = 0; i < SOURCES; i++) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'jwk' }).x!;
  const box = deriveBoxKeys(Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url')).publicKey;
  const site: Site = {
    key: privateKey,
    box,
    publicKey: Buffer.from(raw, 'base64url').toString('base64'),
    version: 0,
    files: new Map(),
  };
  sites.push(site);
  publish(site, i, rootOf(i));
}

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const rows: Record<string, number[]> = {};
const note = (k: string, v: number) => (rows[k] ??= []).push(v);

async function timed(label: string, fn: () => Promise<PullSummary>) {
  requests = 0;
  bytes = 0;
  peak = process.memoryUsage().rss;
  const t = performance.now();
  const s = await fn();
  note(`${label} ms`, Math.round(performance.now() - t));
  note(`${label} requests`, requests);
  note(`${label} KiB received`, Math.round(bytes / 1024));
  note(`${label} peak MB`, Math.round(peak / 1048576));
  note(`${label} posts new/edited/removed`, s.added * 1e6 + s.edited * 1e3 + s.removed);
}

try {
  for (let run = 1; run <= RUNS; run++) {
    // Each run in a new folder: file creation slows for minutes after a large delete on these disks.
    const scratch = mkdtempSync(join(tmpdir(), 'meshline-bench-pull-'));
    const config = parseConfig(
      {
        site: { outputDir: join(scratch, 'output') },
        store: { path: join(scratch, 'meshline.db') },
        preview: { enabled: false },
        mesh: { allowPrivateAddresses: true },
      },
      {},
    );
    const app = await openApp(config);
    for (let i = 0; i < SOURCES; i++) await app.store.sources.add(rootOf(i), 'cli');
    const deps = { store: app.store, mesh: config.mesh, rules: app.rules(), identity: app.identity };
    await timed('first pull', () => pullSources(deps, { all: true }));
    await timed('nothing changed', () => pullSources(deps, { all: true }));
    sites[0]!.version++;
    publish(sites[0]!, 0, rootOf(0));
    await timed('one changed', () => pullSources(deps, { all: true }));
    await app.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  process.stdout.write(`${SOURCES} followed Meshline sites (20 signed posts each), ${RUNS} runs, medians:\n`);
  for (const [k, v] of Object.entries(rows)) {
    const m = median(v);
    const shown = k.endsWith('new/edited/removed')
      ? `${Math.floor(m / 1e6)}/${Math.floor(m / 1e3) % 1e3}/${m % 1e3}`
      : m;
    process.stdout.write(`  ${k.padEnd(36)} ${shown}\n`);
  }
} finally {
  clearInterval(sampler);
  server.close();
}
