// Issue 11, forget means gone: after `forget yes`, the raw database file, its write-ahead log, the site folder and
// the published copy hold none of the person's texts or identifiers, and nobody's page links to them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ingest } from '../../src/core/ingest.ts';
import { renderSite } from '../../src/app/context.ts';
import { drainPublish } from '../../src/app/publish.ts';
import { deliverDms } from '../../src/app/delivery.ts';
import type { Adapter } from '../../src/core/types.ts';
import { ev, tempDir, testApp } from '../helpers.ts';
import { bucketClient, s3rverSection, startS3rver } from '../servers/s3.ts';
import { after } from 'node:test';

const s3 = await startS3rver();
after(() => s3.stop());

const SECRETS = ['ALICE-SECRET', 'alice@secret.example', 'Secretname', 'alicesecretname', 'alice_irc', 'alicetag'];

/** Every file under `dir` whose raw bytes contain one of the secrets, with which. */
function hits(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        walk(p);
        continue;
      }
      const bytes = readFileSync(p);
      for (const s of SECRETS)
        if (bytes.includes(s) || bytes.includes(Buffer.from(s, 'utf16le'))) out.push(`${p}: ${s}`);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

const emptyDirs = (dir: string): string[] => {
  const out: string[] = [];
  const walk = (d: string) => {
    const entries = readdirSync(d);
    if (!entries.length) out.push(d);
    for (const e of entries) if (statSync(join(d, e)).isDirectory()) walk(join(d, e));
  };
  walk(dir);
  return out;
};

for (const target of ['local', 's3'] as const)
  test(`issue 11: forget leaves no text, ID, link or empty folder in the store, site or ${target} target`, async () => {
    const dir = tempDir();
    const prefix = `forget-${Date.now()}/`;
    const publish =
      target === 'local'
        ? { local: { dir: join(dir, 'public') } }
        : {
            target: 's3',
            s3: s3rverSection(s3.endpoint, prefix),
          };
    const app = await testApp(dir, { site: { pageSize: 5 }, publish });
    const bucket = bucketClient(s3.endpoint);
    const keys = async () =>
      [...(await bucket.list()).keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
    const ingest = new Ingest(app.store, app.rules({}, { kind: 'test' }));
    const alice = { id: 'alice@secret.example', display: 'Alice Secretname' };
    const bob = { id: 'bob@x.org', display: 'Bob' };
    await ingest.handle(ev.join(alice));
    await ingest.handle(ev.join(bob));
    await ingest.handle(ev.say(bob, 'den', 'before'));
    await app.store.ensureRoom('test', 'den', 'Den', true, 'opted-in');
    await ingest.handle(ev.say(bob, 'den', 'hello @alice, see you', 'b1'));
    for (let n = 0; n < 72; n++) {
      const text = n % 2 ? `ALICE-SECRET-${n} status #alicetag${n % 3}` : `ALICE-SECRET-${n} message for @bob`;
      await ingest.handle(n % 2 ? ev.status(alice, text) : ev.say(alice, 'den', text, `a${n}`));
    }
    await ingest.handle(ev.react(alice, 'b1', '👍'));
    await ingest.handle(ev.dm(alice, 'link irc alice_irc'));
    await renderSite(app);
    await drainPublish(app.store, app.target);
    assert.ok(hits(join(dir, 'output')).length > 0, 'the scan finds what is there');
    if (target === 's3') {
      assert.ok((await keys()).some((k) => k.startsWith('people/alicesecretname/')));
      assert.ok(hits(s3.dir).length > 0, 'the scan finds what the bucket holds');
    }
    assert.ok(existsSync(join(dir, 'output', 'people', 'alicesecretname', 'page', '1.html')));

    const forgot = await ingest.handle(ev.dm(alice, 'forget yes'));
    assert.ok(forgot.result === 'replied' && /^Forgotten/.test(forgot.reply));
    await renderSite(app);
    await drainPublish(app.store, app.target);
    // Running: her texts are gone from the database and its log already.
    const storeFiles = () =>
      readdirSync(dir)
        .filter((f) => f.startsWith('meshline.db'))
        .map((f) => join(dir, f));
    for (const f of storeFiles()) {
      const bytes = readFileSync(f);
      assert.ok(!bytes.includes('ALICE-SECRET'), `${f} still holds her texts`);
    }
    // The answer to `forget` is the last thing sent to her; then she is unknown.
    const sent: string[] = [];
    const adapter = {
      network: 'test',
      sendDirect: async (_to: unknown, text: string) => {
        sent.push(text);
      },
    } as unknown as Adapter;
    await deliverDms(app.store, new Map([['test', adapter]]));
    assert.ok(sent.some((t) => t.startsWith('Forgotten')));
    assert.ok(!sent.some((t) => t.includes('asks to link')), 'the pending link request was dropped');
    // Still running: once the answer went, nothing of hers is in the database or its log.
    const running = storeFiles().flatMap((f) =>
      SECRETS.filter((s) => readFileSync(f).includes(s)).map((s) => `${f}: ${s}`),
    );
    assert.deepEqual(running, []);
    await app.close();

    assert.deepEqual(hits(dir), []);
    if (target === 's3') {
      assert.deepEqual(hits(s3.dir), [], "nothing of hers in the bucket's storage");
      assert.deepEqual(
        (await keys()).filter((k) => /alicesecretname|alicetag/.test(k)),
        [],
      );
      assert.ok((await keys()).includes('index.html'));
    }
    for (const site of target === 'local' ? ['output', 'public'] : ['output']) {
      assert.ok(!existsSync(join(dir, site, 'people', 'alicesecretname')), `${site}: her folder`);
      assert.ok(!existsSync(join(dir, site, 'tags', 'alicetag0')), `${site}: her tags`);
      assert.deepEqual(emptyDirs(join(dir, site)), [], `${site}: no empty folders`);
    }
    const bobPost = readdirSync(join(dir, 'output', 'posts')).find((f) => f.includes('hello-alice'))!;
    const html = readFileSync(join(dir, 'output', 'posts', bobPost), 'utf8');
    assert.match(html, /hello @alice, see you/);
    assert.doesNotMatch(html, /people\/alice/, 'the mention is plain text now');
    assert.doesNotMatch(html, /👍/, 'her reaction went with her');
  });

test("issue 18: a full render's card folder left by a killed process is removed when Meshline next opens", async () => {
  const dir = tempDir();
  // A pid no process has: the render that made it is gone, and its cards (pages' text) with it.
  const stale = join(dir, '.cards-999999999');
  mkdirSync(stale);
  writeFileSync(join(stale, '0'), '<article>ALICE-SECRET</article>');
  const live = join(dir, `.cards-${process.pid}`);
  mkdirSync(live);
  const app = await testApp(dir);
  assert.equal(existsSync(stale), false);
  // One of a render still running (this process) stays.
  assert.equal(existsSync(live), true);
  await app.close();
});
