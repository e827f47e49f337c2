// Issue 15: private posts. Between people of one site they go by IM only; between two Meshline sites (B on a real IRC
// server, inspircd) a sealed copy waits in the sender's inbox, B finds it at its next pull and Bob gets it as an IRC
// notice; answers stay private; a tampered entry is refused; a site that was not addressed reads nothing; no marker
// text is in any site folder, in any encoding; delete takes the sealed copies away.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { renderSite, type AppContext } from '../../src/app/context.ts';
import { Runtime } from '../../src/app/runtime.ts';
import { Ingest } from '../../src/core/ingest.ts';
import { pullSources } from '../../src/mesh/job.ts';
import { startPreview } from '../../src/site/preview.ts';
import { assertNowhere, ev, tempDir, testApp, treeText } from '../helpers.ts';
import { optedIn, until } from '../servers/irc-clients.ts';
import { startInspircd } from '../servers/irc-servers.ts';

const irc = await startInspircd();
after(() => irc.stop());

async function served() {
  const dir = tempDir();
  const { server, url } = await startPreview(join(dir, 'output'), '127.0.0.1', 0);
  after(() => server.close());
  return { dir, url: url.replace(/\/?$/, '/'), host: new URL(url).host, out: join(dir, 'output') };
}

const pull = (app: AppContext) =>
  pullSources({ store: app.store, mesh: app.config.mesh, rules: app.rules(), identity: app.identity }, { all: true });

const alice = { id: 'alice', display: 'Alice' };
const dave = { id: 'dave', display: 'Dave' };

test('issue 15: private posts reach their readers by IM only, sealed between sites, and nobody else', async () => {
  const a = await served();
  const aApp = await testApp(a.dir, { site: { url: a.url }, mesh: { allowPrivateAddresses: true } });
  const aIngest = new Ingest(aApp.store, aApp.rules());
  for (const e of [ev.join(alice), ev.join(dave), ev.dm(alice, 'post A public post')]) await aIngest.handle(e);
  await renderSite(aApp, { full: true });

  const b = await served();
  const bApp = await testApp(b.dir, {
    site: { url: b.url },
    console: { enabled: false },
    mesh: { allowPrivateAddresses: true },
    irc: {
      networks: [
        { name: 'testnet', host: '127.0.0.1', port: irc.port, tls: false, nick: 'meshline', allowUnverified: true },
      ],
    },
  });
  const runtime = new Runtime(bApp, { input: new PassThrough(), output: new PassThrough(), quit: () => undefined });
  await runtime.start();
  after(() => runtime.stop());
  await until('B on IRC', () => runtime.statuses().find((s) => s.network === 'testnet')?.connected);
  const bob = await optedIn(irc, 'bob');
  after(() => bob.quit());

  // Between people of A: by IM, with a way to answer.
  await aIngest.handle(ev.dm(alice, 'private @dave MARKER-ONE for Dave only'));
  const toDave = (await aApp.store.peekDms(Date.now() + 1, 50)).map((d) => d.payload).filter((d) => d.to === 'dave');
  assert.ok(
    toDave.some(
      (d) => d.text === 'Private from @alice (P1): MARKER-ONE for Dave only — answer privately: reply P1 TEXT',
    ),
  );

  // To Bob on B: sealed in A's inbox once A has B's box key, which B's site key vouches for.
  await aIngest.handle(ev.dm(alice, `private @bob@${b.host} MARKER-TWO for Bob`));
  const said = (await aApp.store.peekDms(Date.now() + 1, 50)).map((d) => d.payload.text);
  assert.ok(said.some((t) => t.startsWith(`Sent privately to @bob@${b.host} as P2. It is not on the site`)));
  assert.equal((await pull(aApp)).sealed, 1);
  await renderSite(aApp);
  const index = JSON.parse(readFileSync(join(a.out, 'inbox/index.json'), 'utf8')) as { entries: string[] };
  assert.equal(index.entries.length, 1);

  // Bob has B follow A: B pulls it, finds the entry, and Bob gets it on IRC.
  bob.say('meshline', `follow ${a.url}`);
  const got = await until('the private post on IRC', () => bob.notices.find((n) => n.includes('MARKER-TWO')), 20000);
  assert.match(
    got,
    new RegExp(`^Private from Alice \\(@alice@${a.host}\\) \\(P1\\): MARKER-TWO for Bob — answer privately`),
  );

  // Bob answers: sealed in B's inbox for A (A's keys pinned when B followed it); A reads it once it follows B.
  bob.say('meshline', 'reply P1 MARKER-THREE thanks Alice');
  await until(
    'sealed on B',
    async () => (await bApp.store.db.get('SELECT 1 FROM inbox_out WHERE sealed IS NOT NULL')) ?? undefined,
    20000,
  );
  await renderSite(bApp);
  await aApp.store.sources.add(b.url, 'cli');
  const back = await pull(aApp);
  assert.equal(back.privateTold, 1);
  const toAlice = (await aApp.store.peekDms(Date.now() + 1, 50)).map((d) => d.payload).filter((d) => d.to === 'alice');
  assert.ok(
    toAlice.some((d) => /^Private from bob \(@bob@127\.0\.0\.1:\d+\) \(P\d+\): MARKER-THREE/.test(d.text)),
    JSON.stringify(toAlice),
  );

  // A site that was not addressed reads the same inbox and learns nothing.
  const c = await testApp(tempDir(), { mesh: { allowPrivateAddresses: true } });
  await c.store.sources.add(a.url, 'cli');
  const nosy = await pull(c);
  assert.equal(nosy.privateTold, 0);
  assert.equal((await c.store.db.get<{ n: number }>('SELECT count(*) AS n FROM private_posts'))!.n, 0);

  // A tampered entry is refused: Bob gets nothing more.
  await aIngest.handle(ev.dm(alice, `private @bob@${b.host} MARKER-FOUR tampered`));
  await pull(aApp);
  await renderSite(aApp);
  const names = (JSON.parse(readFileSync(join(a.out, 'inbox/index.json'), 'utf8')) as { entries: string[] }).entries;
  const fresh = names.find((n) => n !== index.entries[0])!;
  const file = join(a.out, `inbox/${fresh}.json`);
  const entry = JSON.parse(readFileSync(file, 'utf8')) as { box: string };
  const bytes = Buffer.from(entry.box, 'base64');
  bytes[40]! ^= 1;
  writeFileSync(file, JSON.stringify({ ...entry, box: bytes.toString('base64') }));
  const before = bob.notices.length;
  await pull(bApp);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(bob.notices.length, before);

  // No marker anywhere in either site's folder, in any encoding.
  assertNowhere(treeText(a.out) + treeText(b.out), ['MARKER-ONE', 'MARKER-TWO', 'MARKER-THREE', 'MARKER-FOUR']);

  // Delete takes the sealed copies away.
  await aIngest.handle(ev.dm(alice, 'delete P2'));
  await renderSite(aApp);
  assert.ok(!readdirSync(join(a.out, 'inbox')).includes(`${index.entries[0]}.json`));
});

test('issue 15: sealed copies in a bucket are ciphertext only, and forget takes them out of it', async () => {
  const { startS3rver, s3rverSection } = await import('../servers/s3.ts');
  const { publishSite } = await import('../../src/app/publish.ts');
  const s3 = await startS3rver();
  after(() => s3.stop());
  const b = await served();
  const bApp = await testApp(b.dir, { site: { url: b.url } });
  const bIngest = new Ingest(bApp.store, bApp.rules());
  await bIngest.handle(ev.join({ id: 'bob', display: 'Bob' }));
  await renderSite(bApp, { full: true });

  const a = await testApp(tempDir(), {
    site: { url: `${s3.endpoint}/site/` },
    mesh: { allowPrivateAddresses: true },
    publish: { target: 's3', debounceSeconds: 1, s3: s3rverSection(s3.endpoint) },
  });
  const ingest = new Ingest(a.store, a.rules());
  for (const e of [ev.join(alice), ev.join(dave), ev.dm(alice, `private @dave @bob@${b.host} MARKER-BUCKET hello`)])
    await ingest.handle(e);
  assert.equal((await pull(a)).sealed, 1);
  await renderSite(a);
  await publishSite(a.store, a.target!);
  const objects = () => treeText(s3.dir);
  assert.match(objects(), /inbox\/index\.json|"entries"/);
  assertNowhere(objects(), ['MARKER-BUCKET']);

  await ingest.handle(ev.dm(alice, 'forget'));
  await ingest.handle(ev.dm(alice, 'forget yes'));
  assert.equal((await a.store.db.get<{ n: number }>('SELECT count(*) AS n FROM private_posts'))!.n, 0);
  await renderSite(a);
  await publishSite(a.store, a.target!);
  assert.doesNotMatch(objects(), /"entries"/);
  assert.doesNotMatch(objects(), /"box"/);
});
