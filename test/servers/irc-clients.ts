// IRC people for tests: clients on the test server, and a Meshline site connected to it.
import { PassThrough } from 'node:stream';
import IRC, { type Client } from 'irc-framework';
import { Runtime } from '../../src/app/runtime.ts';
import { tempDir, testApp, until } from '../helpers.ts';
import type { RunningServer } from './irc-servers.ts';

type Person = Client & { notices: string[] };

/** An IRC user; with `sasl`, logged in to that services account while connecting. */
export function person(
  server: RunningServer,
  nick: string,
  sasl?: { account: string; password: string },
): Promise<Person> {
  return new Promise((resolve, reject) => {
    const c = Object.assign(new IRC.Client(), { notices: [] as string[] });
    c.on('notice', (e: { nick: string; message: string }) => {
      if (e.nick.toLowerCase() === 'meshline') c.notices.push(e.message);
    });
    c.on('registered', () => resolve(c));
    c.on('socket close', () => reject(new Error(`${nick} could not connect`)));
    c.connect({
      host: '127.0.0.1',
      port: server.port,
      nick,
      auto_reconnect: false,
      ...(sasl ? { account: sasl } : {}),
    });
  });
}

/** A user who registers a services account with NickServ (which logs them in to it). Needs a server with services. */
export async function withAccount(server: RunningServer, nick: string, password = `${nick}-secret`): Promise<Person> {
  const c = await person(server, nick);
  const loggedIn = new Promise<void>((resolve) => c.once('loggedin', () => resolve()));
  c.say('NickServ', `REGISTER ${password} ${nick}@example.org`);
  await Promise.race([
    loggedIn,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`NickServ did not register ${nick}`)), 8000)),
  ]);
  return c;
}

export async function ircSite(server: RunningServer, extra: Record<string, unknown> = {}, dir = tempDir()) {
  const app = await testApp(dir, {
    console: { enabled: false },
    irc: {
      networks: [
        {
          name: 'testnet',
          host: '127.0.0.1',
          port: server.port,
          tls: false,
          nick: 'meshline',
          allowUnverified: true,
          gapMs: 100,
          channels: [{ name: '#friends', publish: true }],
          ...extra,
        },
      ],
    },
  });
  const runtime = new Runtime(app, { input: new PassThrough(), output: new PassThrough(), quit: () => undefined });
  await runtime.start();
  await until('Meshline on IRC', () => runtime.statuses().find((s) => s.network === 'testnet')?.connected);
  return { dir, app, runtime };
}

export async function optedIn(server: RunningServer, nick: string, c?: Person): Promise<Person> {
  c ??= await person(server, nick);
  c.join('#friends');
  c.say('meshline', 'join');
  await until(`${nick}'s welcome`, () => c.notices.find((n) => n.startsWith('Welcome')));
  return c;
}

export { until };
