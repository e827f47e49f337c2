// Issue 17: every kind of page is valid HTML (the Nu Html Checker, vnu.jar on Debian's Java: 0 errors) and has no
// serious or critical accessibility violation (axe-core in Chromium), in English and in a right-to-left name's
// company, with a profile, a conversation, sorted views, months, a redirect, the 404 page and the search page.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { renderSite } from '../../src/app/context.ts';
import { Ingest } from '../../src/core/ingest.ts';
import { meshRenders } from '../../src/core/targets.ts';
import { startPreview } from '../../src/site/preview.ts';
import { launchChromium } from './chromium.ts';
import { ev, tempDir, testApp, tick } from '../helpers.ts';

const require = createRequire(import.meta.url);
const dir = tempDir();
const app = await testApp(dir, { site: { pageSize: 5 } });
const ingest = new Ingest(
  app.store,
  app.rules({ test: { admission: { policy: 'anyone', admits: () => false, admins: ['root'] } } }),
);
const alice = { id: 'alice', display: 'Alice' };
const bob = { id: 'bob', display: 'بوب' };
const root = { id: 'root', display: 'Root' };
for (const who of [alice, bob, root]) await ingest.handle(ev.join(who));
await app.store.ensureRoom('test', 'den', 'Den', true, 'opted-in');
for (let i = 1; i <= 12; i++) {
  if (i % 6 === 0) tick(31 * 86_400_000);
  await ingest.handle(ev.dm(i % 2 ? alice : bob, `post Note ${i} #garden with **bold** and https://example.org/${i}`));
}
await ingest.handle(ev.say(alice, 'den', 'Hello den @bob'));
await ingest.handle(ev.status(alice, 'Away for lunch', 'away'));
await ingest.handle(ev.dm(bob, 'reply 1 مرحبا'));
await ingest.handle(ev.dm(alice, 'reply 13 Thanks'));
for (const t of ['up 1', 'star 1']) await ingest.handle(ev.dm(bob, t));
await ingest.handle(ev.dm(alice, 'bio Grows beans'));
await ingest.handle(ev.dm(alice, 'identities on'));
await ingest.handle(ev.dm(root, 'pin 2'));
await ingest.handle(ev.dm(bob, 'handle bobby'));
// Posts of a followed site, as a pull stores them: the mesh timeline and its author's page here.
const there = 'https://far.example/';
await app.store.sources.add(there, 'cli');
const author = { site: there, handle: 'fern', name: 'Fern', url: `${there}people/fern/index.html`, meshline: true };
const items = [1, 2].map((n) => ({
  remoteId: `${there}posts/${n}-x.html`,
  url: `${there}posts/${n}-x.html`,
  text: `From afar ${n} #garden`,
  at: Date.UTC(2026, 1, n),
  editedAt: null,
  author,
  replyUrl: null,
  replyTo: null,
  mentions: [],
}));
await app.store.mesh.ingest({ source: there, site: there, items, keepOlderThan: null, home: false }, meshRenders(5));
await renderSite(app, { full: true });
const out = join(dir, 'output');
const PAGES = [
  'index.html',
  'page/1.html',
  'months.html',
  'hot/index.html',
  'people/index.html',
  'people/alice/index.html',
  'people/bobby/index.html',
  // Bob's old handle (his name, in Arabic): a page that sends readers on.
  'people/بوب/index.html',
  'tags/index.html',
  'tags/garden/index.html',
  'rooms/index.html',
  'rooms/den/index.html',
  'threads/1.html',
  'networks/test/index.html',
  'mesh/index.html',
  'mesh/far.example/fern/index.html',
  'people/alice/months.html',
  'search/index.html',
  '404.html',
];
// The first post's page, whatever words its address takes.
PAGES.push(`posts/${readdirSync(join(out, 'posts')).find((f) => f.startsWith('1-'))}`);
for (const p of PAGES) assert.ok(existsSync(join(out, p)), `${p} exists`);
// A redirect page sends the browser on at once (meta refresh): its markup is checked by the Nu checker only.
const SHOWN = PAGES.filter((p) => !p.startsWith('people/بوب/'));

// Everything is set up before the first test is declared: the runner may finish the file's tests (and clean up)
// while the module is still awaiting.
const { server, url: base } = await startPreview(out, '127.0.0.1', 0);
const browser = await launchChromium();
after(async () => {
  await browser.close();
  server.close();
});

const java = ['/usr/bin/java', 'java'].find((j) => spawnSync(j, ['-version']).status === 0);

test('issue 17: the Nu Html Checker finds no error on any kind of page', { skip: !java && !process.env.CI }, () => {
  assert.ok(java, 'Java is needed for the Nu Html Checker (test/setup.sh installs default-jre-headless)');
  const jar = require.resolve('vnu-jar/build/dist/vnu.jar');
  const r = spawnSync(java, ['-jar', jar, '--errors-only', '--format', 'json', ...PAGES.map((p) => join(out, p))], {
    encoding: 'utf8',
  });
  const messages = (JSON.parse(r.stderr || '{"messages":[]}') as { messages: { url: string; message: string }[] })
    .messages;
  assert.deepEqual(
    messages.map((m) => `${m.url.replace(/.*output\//, '')}: ${m.message}`),
    [],
  );
});

test('issue 17: axe finds no serious or critical violation on any kind of page', async () => {
  const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const found: string[] = [];
  const page = await (await browser.newContext()).newPage();
  for (const p of SHOWN) {
    await page.goto(base + p);
    await page.addScriptTag({ content: axe });
    const violations = (await page.evaluate(
      'axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations.map((v) => ' +
        '({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) })))',
    )) as { id: string; impact: string; nodes: string[] }[];
    for (const v of violations)
      if (v.impact === 'serious' || v.impact === 'critical') found.push(`${p}: ${v.id} (${v.nodes.join(', ')})`);
  }
  assert.deepEqual(found, []);
});

test('issue 17: a phone shows every kind of page without sideways scrolling', async () => {
  const page = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  for (const p of SHOWN) {
    await page.goto(base + p);
    const wide = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    assert.ok(wide <= 360, `${p} is ${wide} px wide`);
  }
});
