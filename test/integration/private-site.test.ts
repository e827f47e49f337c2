// Issue 15: a private site stays incremental (one new post writes as many files as on a public site, none sealed again
// for nothing), and a new passphrase re-seals every file, which the old one no longer opens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, renderSite } from '../../src/app/context.ts';
import { Ingest } from '../../src/core/ingest.ts';
import { ev, tempDir, testConfig } from '../helpers.ts';

const alice = { id: 'alice', display: 'Alice' };

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
  const counts: number[] = [];
  for (const passphrase of [undefined, 'a passphrase for the group']) {
    const { app, ingest } = await site(tempDir(), passphrase);
    await ingest.handle(ev.join(alice));
    for (let i = 0; i < 12; i++) await ingest.handle(ev.dm(alice, `post number ${i} #garden`));
    await renderSite(app, { full: true });
    await ingest.handle(ev.dm(alice, 'post one more #garden'));
    counts.push((await renderSite(app)).written);
    // Nothing changed: nothing sealed or written again.
    assert.equal((await renderSite(app, { full: true })).written, 0);
    await app.close();
  }
  assert.equal(counts[1], counts[0], `public ${counts[0]}, private ${counts[1]}`);
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
