// The XMPP adapter against Debian's prosody: roster friending, presence as status, group chats, corrections.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { xml } from '@xmpp/client';
import { startProsody } from '../servers/xmpp-server';
import { BOT, joinRoom, say, setStatus, subscribed, until, xmppSite, xmppUser } from '../servers/xmpp-clients';

const server = await startProsody();
after(() => server.stop());

const texts = async (app: Awaited<ReturnType<typeof xmppSite>>['app']) =>
  (await app.store.db.all<{ text: string }>('SELECT text FROM posts ORDER BY id')).map((r) => r.text);

test('XMPP: a subscription request is approved, a status is posted once across two devices, unsubscribing stops it', async () => {
  const { dir, app, runtime } = await xmppSite(server);
  const phone = await xmppUser(server, 'alice', 'phone');
  const laptop = await xmppUser(server, 'alice', 'laptop');
  try {
    await subscribed(phone);
    assert.ok(phone.presences.some((p) => p.attrs.from === BOT && p.attrs.type === 'subscribed'), 'Meshline approved');
    assert.ok(phone.presences.some((p) => p.attrs.from === BOT && p.attrs.type === 'subscribe'), 'and subscribed back');
    await new Promise((r) => setTimeout(r, 300));
    await setStatus(phone, 'Reading <b>books</b> #books', 'away');
    const page = join(dir, 'output', 'people', 'alice', 'index.html');
    await until('the status on her page', () => existsSync(page) && readFileSync(page, 'utf8').includes('Reading &lt;b&gt;books&lt;/b&gt;'));
    await setStatus(laptop, 'Reading <b>books</b> #books', 'away');
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(await texts(app), ['Reading <b>books</b> #books']);
    assert.ok(readFileSync(join(dir, 'output', 'people', 'alice', 'feed.xml'), 'utf8').includes('Reading &lt;b&gt;books'));

    await phone.send(xml('presence', { to: BOT, type: 'unsubscribe' }));
    await phone.send(xml('presence', { to: BOT, type: 'unsubscribed' }));
    await until('the opt-out', async () => !(await app.store.listPeople()).find((p) => p.handle === 'alice')?.optedIn || undefined);
    await setStatus(phone, 'Nobody should see this');
    await new Promise((r) => setTimeout(r, 500));
    await runtime.clock.idle();
    assert.deepEqual(await texts(app), ['Reading <b>books</b> #books']);
  } finally {
    await phone.stop();
    await laptop.stop();
    await runtime.stop();
  }
});
