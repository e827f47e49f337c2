// The guarded fetcher media mirroring and mesh pulls share, against a real HTTP server on loopback.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { isTransient } from '../../src/core/errors.ts';
import { guardedFetch, type FetchLimits } from '../../src/net/fetch.ts';

const seen: Record<string, string | undefined>[] = [];
const server = createServer((req, res) => {
  seen.push({ url: req.url, inm: req.headers['if-none-match'] });
  const hops = /^\/hop\/(\d+)$/.exec(req.url ?? '');
  if (hops) {
    const n = Number(hops[1]);
    if (n > 0) return void res.writeHead(302, { location: `/hop/${n - 1}` }).end();
    return void res.writeHead(200, { 'content-type': 'text/plain' }).end('arrived');
  }
  if (req.url === '/etag') {
    if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
    return void res.writeHead(200, { etag: '"v1"' }).end('body');
  }
  if (req.url === '/big') {
    // Chunked, no length: the cap has to count as it reads.
    res.writeHead(200);
    for (let i = 0; i < 64; i++) res.write(Buffer.alloc(1024, 97));
    return void res.end();
  }
  if (req.url === '/busy') return void res.writeHead(503).end();
  res.writeHead(404).end();
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
after(() => server.close());
const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

const limits = (over: Partial<FetchLimits> = {}): FetchLimits => ({
  privateSetting: 'mesh.allowPrivateAddresses',
  allowPrivateAddresses: true,
  timeoutMs: 5000,
  maxBytes: 16 * 1024,
  maxRedirects: 3,
  sizeSetting: 'mesh.maxBytes',
  ...over,
});

test('redirects: followed up to the limit, each hop checked; none where none are allowed', async () => {
  const r = await guardedFetch(`${base}/hop/3`, limits());
  assert.equal(r.bytes.toString(), 'arrived');
  assert.equal(r.url, `${base}/hop/0`);
  await assert.rejects(guardedFetch(`${base}/hop/4`, limits()), /redirects too often/);
  await assert.rejects(guardedFetch(`${base}/hop/1`, limits({ maxRedirects: 0 })), /redirects elsewhere/);
  // The same loopback written as IPv4 inside IPv6, and by a name: refused all the same.
  const port = new URL(base).port;
  for (const host of ['[::ffff:127.0.0.1]', '[::ffff:7f00:1]', 'localhost', '[::1]'])
    await assert.rejects(
      guardedFetch(`http://${host}:${port}/hop/0`, limits({ allowPrivateAddresses: false })),
      /is a private address \(mesh\.allowPrivateAddresses is off\)/,
      host,
    );
  await assert.rejects(
    guardedFetch(`${base}/hop/1`, limits({ allowPrivateAddresses: false })),
    /127\.0\.0\.1 is a private address \(mesh\.allowPrivateAddresses is off\)/,
  );
});

test('conditional GET: the caller sends the validator, a 304 comes back empty', async () => {
  const first = await guardedFetch(`${base}/etag`, limits());
  assert.equal(first.headers.get('etag'), '"v1"');
  const again = await guardedFetch(`${base}/etag`, limits(), { 'if-none-match': '"v1"' });
  assert.equal(again.status, 304);
  assert.equal(again.bytes.length, 0);
  assert.equal(seen.at(-1)?.inm, '"v1"');
});

test('size cap counted while reading; server trouble is transient, a missing file is not an error here', async () => {
  await assert.rejects(guardedFetch(`${base}/big`, limits()), /larger than mesh\.maxBytes/);
  assert.equal((await guardedFetch(`${base}/big`, limits({ maxBytes: 1 << 20 }))).bytes.length, 64 * 1024);
  await assert.rejects(guardedFetch(`${base}/busy`, limits()), (err: unknown) => isTransient(err));
  assert.equal((await guardedFetch(`${base}/nothing`, limits())).status, 404);
  await assert.rejects(guardedFetch('file:///etc/passwd', limits()), /not a web address/);
});
