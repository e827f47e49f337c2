// The IRC test server itself: Debian's inspircd on loopback offers what the IRC adapter relies on.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import IRC, { type Client } from 'irc-framework';
import { startInspircd } from '../servers/irc-servers.ts';

const server = await startInspircd();
after(() => server.stop());

function client(nick: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const c = new IRC.Client();
    c.on('registered', () => resolve(c));
    c.on('socket close', () => reject(new Error(`${nick} could not connect: ${server.log()}`)));
    c.connect({ host: '127.0.0.1', port: server.port, nick, auto_reconnect: false });
  });
}

const next = <T>(c: Client, event: string, timeoutMs = 5000): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    c.once(event, (e: T) => {
      clearTimeout(timer);
      resolve(e);
    });
  });

test('inspircd offers away-notify, account-notify, extended-join, server-time and message-tags', async () => {
  const a = await client('alice');
  const b = await client('bob');
  try {
    for (const cap of ['away-notify', 'account-notify', 'extended-join', 'server-time', 'message-tags']) {
      assert.ok(a.network.cap.isEnabled(cap), `${cap} not enabled`);
    }
    a.join('#friends');
    b.join('#friends');
    await next(b, 'join');
    await new Promise((r) => setTimeout(r, 300));
    const away = next<{ nick: string; message: string }>(b, 'away');
    a.raw('AWAY', 'Out for lunch');
    assert.deepEqual(await away.then(({ nick, message }) => ({ nick, message })), {
      nick: 'alice',
      message: 'Out for lunch',
    });
    const msg = next<{ message: string; tags: Record<string, string> }>(b, 'privmsg');
    a.say('#friends', 'hello');
    const got = await msg;
    assert.equal(got.message, 'hello');
    assert.match(got.tags.time ?? '', /^\d{4}-\d\d-\d\dT/);
    assert.ok(got.tags.msgid, 'messages carry a msgid');
  } finally {
    a.quit();
    b.quit();
  }
});
