import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ingest } from './src/core/ingest';
import { defaultRules } from './src/core/rules';
import { renderSite } from './src/app/context';
import { keyedHash } from './src/store/migrations';
import { ev, tempDir, testApp } from './test/helpers';

const admission = { policy: 'manual', admits: () => false, admins: ['boss@x.org'] } as const;
function mk(app: any) {
  const rules = defaultRules({ newCode: () => '424242', admission: (n: string) => n === 'xmpp' ? admission : { policy: 'anyone', admits: () => false, admins: [] } });
  const ingest = new Ingest(app.store, rules);
  const reply = async (who: any, text: string) => { const o = await ingest.handle(ev.dm(who, text)); return o.result === 'replied' ? o.reply : `(${o.result})`; };
  return { ingest, reply };
}

test('A: denied xmpp identity published via link from irc', async () => {
  const app = await testApp(tempDir());
  const { ingest, reply } = mk(app);
  const eveX = { id: 'eve@x.org', display: 'Eve', network: 'xmpp' };
  const eveI = { id: 'eve', display: 'Eve', network: 'irc' };
  const boss = { id: 'boss@x.org', network: 'xmpp' };
  console.log('A1', await reply(eveX, 'join'));
  console.log('A2', await reply(boss, 'deny eve@x.org'));
  console.log('A3', await reply(eveI, 'join'));
  console.log('A4', await reply(eveI, 'link xmpp eve@x.org'));
  console.log('A5', await reply(eveX, 'confirm 424242'));
  console.log('A6', JSON.stringify(await ingest.handle(ev.status(eveX, 'denied but published'))));
});

test('B: deny then join from other network re-enables', async () => {
  const app = await testApp(tempDir());
  const { ingest, reply } = mk(app);
  const eveX = { id: 'eve@x.org', display: 'Eve', network: 'xmpp' };
  const eveI = { id: 'eve', display: 'Eve', network: 'irc' };
  const boss = { id: 'boss@x.org', network: 'xmpp' };
  await reply(eveX, 'join'); await reply(boss, 'approve eve@x.org'); console.log('B0', await reply(eveX, 'join'));
  console.log('B1', await reply(eveX, 'link irc eve'));
  console.log('B2', await reply(eveI, 'confirm 424242'));
  console.log('B3', await reply(boss, 'deny eve@x.org'));
  console.log('B4', await reply(eveI, 'join'));
  console.log('B5', JSON.stringify(await ingest.handle(ev.status(eveX, 'denied xmpp status'))));
});

test('C: deny case', async () => {
  const app = await testApp(tempDir());
  const { ingest, reply } = mk(app);
  const bob = { id: 'bob@x.org', display: 'Bob', network: 'xmpp' };
  const boss = { id: 'boss@x.org', network: 'xmpp' };
  await reply(bob, 'join'); await reply(boss, 'approve bob@x.org'); console.log('C0', await reply(bob, 'join'));
  console.log('C1', await reply(boss, 'deny Bob@x.org'));
  console.log('C2', JSON.stringify(await ingest.handle(ev.status(bob, 'still published'))));
});

test('D: forget leaves tag heads and secret next to hashes', async () => {
  const dir = tempDir();
  const app = await testApp(dir);
  const ingest = new Ingest(app.store, defaultRules({}));
  const alice = { id: 'alice@secret.example', display: 'Alice' };
  await ingest.handle(ev.join(alice));
  await ingest.handle(ev.status(alice, 'my diagnosis #hivpositive today'));
  await renderSite(app);
  await ingest.handle(ev.dm(alice, 'forget yes'));
  await renderSite(app);
  const db = (app.store as any).db;
  console.log('D heads', JSON.stringify(await db.all('SELECT * FROM timeline_heads')));
  console.log('D manifest', JSON.stringify(await db.all("SELECT path FROM manifest WHERE path LIKE 'tags/%'")));
  const secret = (await db.get("SELECT value FROM settings WHERE key='install_secret'")).value;
  const rows = await db.all('SELECT key FROM dedupe');
  console.log('D dedupe rows', rows.length, 'secret in db', !!secret);
  await app.close();
  for (const f of readdirSync(dir).filter((f) => f.startsWith('meshline.db'))) console.log('D file', f, readFileSync(join(dir, f)).includes('hivpositive'));
  console.log('D out', readdirSync(join(dir, 'output', 'tags')));
});
