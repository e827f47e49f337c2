// Issue 14: a site's identity as another site sees it — over HTTP from the preview server, with signatures checked by
// an Ed25519 implementation that is not Node's (Python's cryptography), and through the command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderSite } from '../../src/app/context.ts';
import { Ingest } from '../../src/core/ingest.ts';
import { startPreview } from '../../src/site/preview.ts';
import { ev, tempDir, testApp } from '../helpers.ts';

const BIN = resolve('bin/meshline.js');

/** Verifies each file against its `.sig` with the given key; prints "ok PATH" or "bad PATH" a line each. */
const VERIFY = `
import base64, sys
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
key = Ed25519PublicKey.from_public_bytes(base64.b64decode(sys.argv[1]))
for path in sys.argv[2:]:
    data = open(path, 'rb').read()
    sig = base64.b64decode(open(path + '.sig', 'rb').read().strip())
    try:
        key.verify(sig, data)
        print('ok', path)
    except InvalidSignature:
        print('bad', path)
`;

function pythonVerify(publicKey: string, files: string[]): string[] {
  const r = spawnSync('/usr/bin/python3', ['-c', VERIFY, publicKey, ...files], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n');
}

test('issue 14: every followable JSON Feed is signed, and the key is at /.well-known/meshline.json', async () => {
  const dir = tempDir();
  const app = await testApp(dir);
  const ingest = new Ingest(app.store, app.rules());
  const alice = { id: 'alice', display: 'Alice' };
  const bob = { id: 'bob', display: 'Bob <script>' };
  await app.store.ensureRoom('test', 'den', 'den', true, 'opted-in');
  for (const e of [ev.join(alice), ev.join(bob), ev.status(alice, 'Gardening #garden'), ev.say(bob, 'den', 'hi')])
    await ingest.handle(e);
  await renderSite(app, { full: true });
  const { server, url } = await startPreview(app.outputDir, '127.0.0.1', 0);
  try {
    const res = await fetch(new URL('.well-known/meshline.json', url));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const doc = (await res.json()) as {
      publicKey: string;
      feeds: { json: string; signature: string };
      people: { handle: string; feeds: { json: string; signature: string } }[];
    };
    assert.equal(doc.publicKey, app.identity.publicKey);
    assert.deepEqual(
      doc.people.map((p) => p.handle),
      ['alice', 'bobscript'],
    );
    // Every feed the document names, and its signature, fetched as another site would.
    const fetched = tempDir();
    const files: string[] = [];
    for (const [i, f] of [doc.feeds, ...doc.people.map((p) => p.feeds)].entries()) {
      const local = (u: string) => new URL(new URL(u).pathname, url);
      const feed = await fetch(local(f.json));
      const sig = await fetch(local(f.signature));
      assert.equal(sig.status, 200, f.signature);
      assert.match(sig.headers.get('content-type') ?? '', /^text\/plain/);
      const file = join(fetched, `feed${i}.json`);
      writeFileSync(file, Buffer.from(await feed.arrayBuffer()));
      writeFileSync(`${file}.sig`, await sig.text());
      files.push(file);
    }
    assert.deepEqual(
      pythonVerify(doc.publicKey, files),
      files.map((f) => `ok ${f}`),
    );
    // Each person's twtxt file, as a twtxt client reads it: comments, then "time<TAB>text" lines.
    const twtxt = await fetch(new URL('people/alice/twtxt.txt', url));
    assert.match(twtxt.headers.get('content-type') ?? '', /^text\/plain/);
    const lines = (await twtxt.text()).split('\n').filter((l) => l && !l.startsWith('#'));
    assert.deepEqual(
      lines.map((l) => l.split('\t')[1]),
      ['Gardening #garden'],
    );
    for (const l of lines) assert.ok(/^[^\t]+\t[^\t]*$/.test(l) && !Number.isNaN(Date.parse(l.split('\t')[0]!)), l);
    // One byte changed in transit: refused.
    const tampered = readFileSync(files[1]!);
    const at = tampered.indexOf('Gardening');
    tampered[at] = tampered[at]! ^ 0x20;
    writeFileSync(files[1]!, tampered);
    assert.equal(pythonVerify(doc.publicKey, [files[1]!])[0], `bad ${files[1]}`);
  } finally {
    server.close();
  }
  // Every JSON Feed another site can follow has its signature, tags' too; rooms and networks are not followed
  // (issue 18: a file less per post).
  const all = spawnSync('find', [app.outputDir, '-name', 'feed.json'], { encoding: 'utf8' }).stdout.trim().split('\n');
  const followable = all.filter((f) => !/\/(rooms|networks)\//.test(f));
  assert.ok(followable.length >= 4 && followable.some((f) => f.includes('/tags/garden/')), all.join(' '));
  assert.ok(pythonVerify(app.identity.publicKey, followable).every((l) => l.startsWith('ok ')));
  for (const f of all) assert.equal(existsSync(`${f}.sig`), followable.includes(f), f);

  // Deterministic: a post on one timeline leaves the other feeds and their signatures unwritten.
  const sigOf = (p: string) => statSync(join(app.outputDir, p)).mtimeMs;
  const before = sigOf('people/bobscript/feed.json.sig');
  await ingest.handle(ev.status(alice, 'Still gardening'));
  const r = await renderSite(app);
  assert.ok(r.written > 0);
  assert.equal(sigOf('people/bobscript/feed.json.sig'), before);
  assert.ok(pythonVerify(app.identity.publicKey, [join(app.outputDir, 'people/alice/feed.json')])[0]!.startsWith('ok'));
});

test('issue 14: init makes the key and says its fingerprint; doctor shows the same', () => {
  const dir = tempDir();
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8' });
  const init = run('init');
  assert.equal(init.status, 0, init.stderr);
  const fp = /site key: (SHA256:\S+) \(data\/site-key\.pem/.exec(init.stdout)?.[1];
  assert.ok(fp, init.stdout);
  assert.equal(statSync(join(dir, 'data', 'site-key.pem')).mode & 0o777, 0o600);
  const doctor = run('doctor');
  assert.match(doctor.stdout, new RegExp(`ok +site key +${fp!.replace(/[+/]/g, '\\$&')} \\(data/site-key\\.pem\\)`));
  const rotate = run('rotate-key');
  assert.equal(rotate.status, 0, rotate.stderr);
  const next = new RegExp(`^site key ${fp!.replace(/[+/]/g, '\\$&')} → (SHA256:\\S+) `).exec(rotate.stdout)?.[1];
  assert.ok(next && next !== fp, rotate.stdout);
  assert.match(run('doctor').stdout, new RegExp(`ok +site key +${next!.replace(/[+/]/g, '\\$&')} `));
  const change = JSON.parse(readFileSync(join(dir, 'data', 'site-key-change.json'), 'utf8'));
  assert.equal(typeof change.signature, 'string');
  assert.equal(statSync(join(dir, 'data', 'site-key.old.pem')).mode & 0o777, 0o600);
});
