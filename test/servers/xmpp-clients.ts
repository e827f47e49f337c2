// XMPP people for tests: independent @xmpp/client users on the test prosody, and a Meshline site logged in to it.
import { PassThrough } from 'node:stream';
import { client, xml, type XmppClient } from '@xmpp/client';
import type { Element } from '@xmpp/xml';
import { Runtime, type RuntimeEvents } from '../../src/app/runtime.ts';
import { tempDir, testApp, until } from '../helpers.ts';
import type { RunningProsody } from './xmpp-server.ts';

export type XmppUser = XmppClient & {
  jid: { toString(): string };
  chats: string[];
  presences: Element[];
  name: string;
};

const registered = new WeakMap<RunningProsody, Set<string>>();
function ensureUser(server: RunningProsody, name: string): void {
  let set = registered.get(server);
  if (!set) registered.set(server, (set = new Set()));
  if (!set.has(name)) {
    server.register(name, `${name}-pw`);
    set.add(name);
  }
}

/** A person logged in on `resource`, roster fetched and available, collecting chats and presences sent to them. */
export async function xmppUser(server: RunningProsody, name: string, resource = 'test'): Promise<XmppUser> {
  ensureUser(server, name);
  const c = client({
    service: `xmpp://127.0.0.1:${server.port}`,
    domain: server.domain,
    resource,
    username: name,
    password: `${name}-pw`,
  }) as XmppUser;
  c.reconnect.stop();
  c.chats = [];
  c.presences = [];
  c.name = name;
  c.on('error', () => undefined);
  c.on('stanza', (el) => {
    if (el.is('message') && el.attrs.type === 'chat' && el.getChildText('body')) c.chats.push(el.getChildText('body')!);
    if (el.is('presence')) c.presences.push(el);
  });
  await c.start();
  await c.iqCaller.request(xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })));
  await c.send(xml('presence'));
  return c;
}

export const BOT = 'meshline@localhost';

/** Friends the bot as a chat client does: asks to subscribe, accepts the bot's request back, reads the hello. */
export async function friended(u: XmppUser): Promise<void> {
  await u.send(xml('presence', { to: BOT, type: 'subscribe' }));
  await until(`the bot's request to ${u.name}`, () =>
    u.presences.find((p) => p.attrs.from === BOT && p.attrs.type === 'subscribe'),
  );
  await u.send(xml('presence', { to: BOT, type: 'subscribed' }));
  await until(`${u.name}'s hello`, () => u.chats.find((c) => c.startsWith('Hello! I am Meshline')));
}

export const chat = (u: XmppUser, text: string) =>
  u.send(xml('message', { to: BOT, type: 'chat' }, xml('body', {}, text)));

/** Friends the bot and opts in with `join`, waiting for the welcome. */
export async function subscribed(u: XmppUser): Promise<void> {
  await friended(u);
  await chat(u, 'join');
  await until(`${u.name}'s welcome`, () => u.chats.find((c) => c.startsWith('Welcome')));
}

export const setStatus = (u: XmppUser, status: string, show?: string) =>
  u.send(xml('presence', {}, ...(show ? [xml('show', {}, show)] : []), xml('status', {}, status)));

export const say = (u: XmppUser, room: string, body: string, id: string, extra: Element[] = []) =>
  u.send(xml('message', { to: room, type: 'groupchat', id }, xml('body', {}, body), ...extra));

export async function joinRoom(u: XmppUser, room: string, nick = u.name): Promise<void> {
  await u.send(xml('presence', { to: `${room}/${nick}` }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' })));
  await until(`${u.name} in ${room}`, () => u.presences.find((p) => p.attrs.from === `${room}/${nick}`));
}

export async function xmppSite(
  server: RunningProsody,
  extra: Record<string, unknown> = {},
  dir = tempDir(),
  appExtra: Record<string, unknown> = {},
  events: RuntimeEvents = {},
) {
  ensureUser(server, 'meshline');
  const app = await testApp(dir, {
    console: { enabled: false },
    ...appExtra,
    xmpp: {
      accounts: [
        {
          name: 'jabber',
          jid: BOT,
          password: 'meshline-pw',
          service: `xmpp://127.0.0.1:${server.port}`,
          pingSeconds: 5,
          ...extra,
        },
      ],
    },
  });
  const runtime = new Runtime(
    app,
    { input: new PassThrough(), output: new PassThrough(), quit: () => undefined },
    events,
  );
  await runtime.start();
  await until('Meshline on XMPP', () => runtime.statuses().find((s) => s.network === 'jabber')?.connected);
  return { dir, app, runtime };
}

export { until };
