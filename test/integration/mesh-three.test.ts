// Issue 14: three Meshline sites on loopback, each with its own store. A runs on a real IRC server (inspircd) and is
// served by its preview server; B is served by its preview server; C publishes to its own s3rver bucket and is read
// from there. Alice, on IRC, has A follow B and C by direct message: their posts show on A's mesh page, and Bob's post
// on B that mentions @alice@A reaches her as an IRC notice. A tampered byte in B's feed is refused.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { renderSite } from '../../src/app/context.ts';
import { publishSite } from '../../src/app/publish.ts';
import { Runtime } from '../../src/app/runtime.ts';
import { Ingest } from '../../src/core/ingest.ts';
import { pullSources } from '../../src/mesh/job.ts';
import { startPreview } from '../../src/site/preview.ts';
import { ev, tempDir, testApp } from '../helpers.ts';
import { optedIn, until } from '../servers/irc-clients.ts';
import { startInspircd } from '../servers/irc-servers.ts';
import { s3rverSection, startS3rver } from '../servers/s3.ts';

const irc = await startInspircd();
const s3 = await startS3rver();
after(async () => {
  await irc.stop();
  await s3.stop();
});

async function served(extra: Record<string, unknown> = {}) {
  const dir = tempDir();
  const { server, url } = await startPreview(join(dir, 'output'), '127.0.0.1', 0);
  after(() => server.close());
  return { dir, url: url.replace(/\/?$/, '/'), host: new URL(url).host, extra };
}

test('issue 14: three sites mesh; a mention written on B reaches its person on A through IRC', async () => {
  // B: Bob mentions Alice of A.
  const a = await served();
  const b = await served();
  const bApp = await testApp(b.dir, { site: { url: b.url } });
  const bIngest = new Ingest(bApp.store, bApp.rules());
  const bob = { id: 'bob', display: 'Bob' };
  await bIngest.handle(ev.join(bob));
  await bIngest.handle(ev.dm(bob, 'post Seeds for everyone'));

  // C: in its own bucket, read from there.
  const cUrl = `${s3.endpoint}/site/`;
  const cApp = await testApp(tempDir(), {
    site: { url: cUrl },
    publish: { target: 's3', debounceSeconds: 1, s3: s3rverSection(s3.endpoint) },
  });
  const cIngest = new Ingest(cApp.store, cApp.rules());
  const carol = { id: 'carol', display: 'Carol' };
  await cIngest.handle(ev.join(carol));
  await cIngest.handle(ev.dm(carol, 'post Carol from the bucket'));
  await renderSite(cApp, { full: true });
  assert.equal((await publishSite(cApp.store, cApp.target!)).publish.failed, 0);

  // A: on IRC, where Alice is.
  const aApp = await testApp(a.dir, {
    site: { url: a.url },
    console: { enabled: false },
    mesh: { allowPrivateAddresses: true },
    irc: {
      networks: [
        {
          name: 'testnet',
          host: '127.0.0.1',
          port: irc.port,
          tls: false,
          nick: 'meshline',
          allowUnverified: true,
          gapMs: 100,
          channels: [{ name: '#friends', publish: true }],
        },
      ],
    },
  });
  const runtime = new Runtime(aApp, { input: new PassThrough(), output: new PassThrough(), quit: () => undefined });
  await runtime.start();
  try {
    await until('Meshline on IRC', () => runtime.statuses().find((s) => s.network === 'testnet')?.connected);
    const alice = await optedIn(irc, 'alice');
    after(() => alice.quit());
    await bIngest.handle(ev.dm(bob, `post Welcome to the mesh, @alice@${a.host}!`));
    await renderSite(bApp, { full: true });

    alice.say('meshline', `follow ${b.url}`);
    alice.say('meshline', `follow ${cUrl}`);
    await until('both followed', () => alice.notices.filter((n) => n.startsWith('Following ')).length === 2);
    const notice = await until(
      'the mention notice',
      () => alice.notices.find((n) => n.includes('mentioned you')),
      20000,
    );
    assert.match(notice, new RegExp(`^Bob \\(@bob@${b.host}\\) mentioned you: "Welcome to the mesh, @alice@`));
    const mesh = await until(
      'both sites on the mesh page',
      () => {
        try {
          const page = readFileSync(join(a.dir, 'output/mesh/index.html'), 'utf8');
          return /Seeds for everyone/.test(page) && /Carol from the bucket/.test(page) ? page : undefined;
        } catch {
          return undefined;
        }
      },
      20000,
    );
    assert.match(mesh, /<a href="\/people\/alice\/index.html" class="mention">@alice@127/);

    // One byte of B's feed changed after signing: refused, and what A had stays.
    const feed = join(b.dir, 'output/feed.json');
    writeFileSync(feed, readFileSync(feed, 'utf8').replace('Seeds for everyone', 'Seeds for everyone!'));
    const s = await pullSources({ store: aApp.store, mesh: aApp.config.mesh, rules: aApp.rules() }, { all: true });
    assert.equal(s.refused, 1);
    const row = (await aApp.store.sources.list()).find((r) => r.id === b.url)!;
    assert.match(row.result!, /^refused: the feed's signature does not verify/);
    assert.match(readFileSync(join(a.dir, 'output/mesh/index.html'), 'utf8'), /Seeds for everyone</);
  } finally {
    await runtime.stop();
  }
});
