// IRC people for tests: clients on the test server, and a Meshline site connected to it.
import { PassThrough } from 'node:stream';
import IRC, { type Client } from 'irc-framework';
import { Runtime } from '../../src/app/runtime';
import { tempDir, testApp, until } from '../helpers';
import type { RunningServer } from './irc-servers';


export function person(server: RunningServer, nick: string): Promise<Client & { notices: string[] }> {
  return new Promise((resolve, reject) => {
    const c = Object.assign(new IRC.Client(), { notices: [] as string[] });
    c.on('notice', (e: { nick: string; message: string }) => { if (e.nick.toLowerCase() === 'meshline') c.notices.push(e.message); });
    c.on('registered', () => resolve(c));
    c.on('socket close', () => reject(new Error(`${nick} could not connect`)));
    c.connect({ host: '127.0.0.1', port: server.port, nick, auto_reconnect: false });
  });
}

export async function ircSite(server: RunningServer, extra: Record<string, unknown> = {}) {
  const dir = tempDir();
  const app = await testApp(dir, {
    console: { enabled: false },
    irc: { networks: [{ name: 'testnet', host: '127.0.0.1', port: server.port, tls: false, nick: 'meshline', allowUnverified: true, gapMs: 100, channels: [{ name: '#friends', publish: true }], ...extra }] },
  });
  const runtime = new Runtime(app, { input: new PassThrough(), output: new PassThrough(), quit: () => undefined });
  await runtime.start();
  await until('Meshline on IRC', () => runtime.statuses().find((s) => s.network === 'testnet')?.connected);
  return { dir, app, runtime };
}

export async function optedIn(server: RunningServer, nick: string): Promise<Client & { notices: string[] }> {
  const c = await person(server, nick);
  c.join('#friends');
  c.say('meshline', 'join');
  await until(`${nick}'s welcome`, () => c.notices.find((n) => n.startsWith('Welcome')));
  return c;
}


export { until };
