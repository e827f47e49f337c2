// The IRC adapter against Debian's inspircd: friending by DM, AWAY as status, channel talk, consent.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import IRC, { type Client } from 'irc-framework';
import { Runtime } from '../../src/app/runtime';
import { startInspircd } from '../servers/inspircd';
import { tempDir, testApp } from '../helpers';

const server = await startInspircd();
after(() => server.stop());

async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function person(nick: string): Promise<Client & { notices: string[] }> {
  return new Promise((resolve, reject) => {
    const c = Object.assign(new IRC.Client(), { notices: [] as string[] });
    c.on('notice', (e: { nick: string; message: string }) => { if (e.nick.toLowerCase() === 'meshline') c.notices.push(e.message); });
    c.on('registered', () => resolve(c));
    c.on('socket close', () => reject(new Error(`${nick} could not connect`)));
    c.connect({ host: '127.0.0.1', port: server.port, nick, auto_reconnect: false });
  });
}

test('IRC: opt in by DM, AWAY becomes a status post, channel talk of opted-in people only', async () => {
  const dir = tempDir();
  const app = await testApp(dir, {
    console: { enabled: false },
    irc: { networks: [{ name: 'testnet', host: '127.0.0.1', port: server.port, tls: false, nick: 'meshline', allowUnverified: true, gapMs: 100, channels: [{ name: '#friends', publish: true }] }] },
  });
  const runtime = new Runtime(app, { input: new PassThrough(), output: new PassThrough(), quit: () => undefined });
  await runtime.start();
  const alice = await person('alice');
  const bob = await person('bob');
  try {
    await until('Meshline on IRC', () => runtime.statuses().find((s) => s.network === 'testnet')?.connected);
    alice.join('#friends');
    bob.join('#friends');
    await new Promise((r) => setTimeout(r, 500));

    alice.say('meshline', 'join');
    await until('the welcome notice', () => alice.notices.find((n) => n.startsWith('Welcome, @alice')));

    alice.raw('AWAY', 'Out for lunch #food');
    const page = join(dir, 'output', 'people', 'alice', 'index.html');
    await until('the status on her page', () => existsSync(page) && readFileSync(page, 'utf8').includes('Out for lunch'));
    alice.raw('AWAY');
    alice.say('#friends', 'hello <script>alert(1)</script>');
    bob.say('#friends', 'I never opted in');
    await until('the channel post', async () => (await app.store.counts()).posts === 2);
    await new Promise((r) => setTimeout(r, 500));
    await runtime.clock.idle();
    const texts = (await app.store.db.all<{ text: string; kind: string }>('SELECT kind, text FROM posts ORDER BY id')).map((r) => `${r.kind}: ${r.text}`);
    assert.deepEqual(texts, ['status: Out for lunch #food', 'message: hello <script>alert(1)</script>']);
    assert.deepEqual((await app.store.listPeople()).map((p) => p.handle), ['alice']);
    const room = readFileSync(join(dir, 'output', 'rooms', 'friends', 'index.html'), 'utf8');
    assert.match(room, /hello &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(room, /I never opted in/);
  } finally {
    alice.quit();
    bob.quit();
    await runtime.stop();
  }
});
