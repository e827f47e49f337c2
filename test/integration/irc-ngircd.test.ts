// The IRC adapter against ngircd, which has no away-notify: AWAY texts are learnt by polling WHOIS.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startIrcServer } from '../servers/irc-servers.ts';
import { ircSite, optedIn, until } from '../servers/irc-clients.ts';

const server = await startIrcServer('ngircd');
after(() => server.stop());

test('IRC without away-notify: WHOIS polling turns AWAY into a status post, once', async () => {
  const { app, runtime } = await ircSite(server, { whoisPollSeconds: 1 });
  const erin = await optedIn(server, 'erin');
  try {
    erin.raw('AWAY', 'Gone fishing');
    await until('the polled status', async () => (await app.store.counts()).posts === 1, 10_000);
    await new Promise((r) => setTimeout(r, 2500)); // two more polls see the same text
    erin.raw('AWAY');
    await new Promise((r) => setTimeout(r, 2500));
    const texts = (await app.store.db.all<{ text: string }>('SELECT text FROM posts ORDER BY id')).map((r) => r.text);
    assert.deepEqual(texts, ['Gone fishing']);
  } finally {
    erin.quit();
    await runtime.stop();
  }
});
