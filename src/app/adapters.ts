// The adapter registry: one line per network kind. Each entry turns its config section into adapters
// and says which rooms the operator enabled and how long status lines are debounced there.
import type { Config } from '../config';
import { dirname, join } from 'node:path';
import type { Adapter } from '../core/types';
import type { RoomPolicy } from '../core/model';
import type { Admission } from '../core/rules';
import { decideSubscription } from '../../adapters/xmpp/roster';
import { ConsoleAdapter } from '../../adapters/console';
import { IrcAdapter } from '../../adapters/irc';
import { XmppAdapter } from '../../adapters/xmpp';
import { MatrixAdapter } from '../../adapters/matrix';
import { probeIrc } from '../../adapters/irc/probe';
import { probeMatrix } from '../../adapters/matrix/probe';
import { probeXmpp } from '../../adapters/xmpp/probe';

export interface RoomSetting {
  network: string;
  id: string;
  name: string;
  enabled: boolean;
  policy: RoomPolicy;
}

/** What ingest needs to know per network, where it differs from the defaults. */
export interface NetworkRules {
  /** The protocol, so people may say `notify xmpp` for the only XMPP account. */
  kind?: string;
  debounceMs?: number;
  allowUnverified?: boolean;
  admission?: Admission;
  friendingOptsIn?: boolean;
}

export interface AdapterSetup {
  adapters: Adapter[];
  rooms: RoomSetting[];
  networks: Record<string, NetworkRules>;
}

export interface RuntimeIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  quit: () => void;
}

type Entry = (config: Config, io: RuntimeIo) => AdapterSetup | null;

function consoleEntry(config: Config, io: RuntimeIo): AdapterSetup | null {
  const c = config.console;
  if (c.enabled === false) return null;
  const network = 'console';
  return {
    adapters: [
      new ConsoleAdapter({
        network,
        handle: c.handle,
        name: c.name,
        room: c.room,
        input: io.input,
        output: io.output,
        onQuit: io.quit,
      }),
    ],
    rooms: [{ network, id: c.room, name: `#${c.room}`, enabled: true, policy: 'opted-in' }],
    // The terminal is the operator's own: starting it is their consent.
    networks: {
      [network]: {
        kind: 'console',
        debounceMs: c.statusDebounceSeconds * 1000,
        allowUnverified: true,
        friendingOptsIn: true,
      },
    },
  };
}

function ircEntry(config: Config): AdapterSetup | null {
  if (!config.irc.networks.length) return null;
  const setup: AdapterSetup = { adapters: [], rooms: [], networks: {} };
  for (const n of config.irc.networks) {
    setup.adapters.push(new IrcAdapter({ ...n, channels: n.channels.map((c) => c.name) }));
    for (const c of n.channels)
      setup.rooms.push({
        network: n.name,
        id: c.name.toLowerCase(),
        name: c.name,
        enabled: c.publish,
        policy: c.policy,
      });
    setup.networks[n.name] = {
      kind: 'irc',
      allowUnverified: n.allowUnverified,
      ...(n.statusDebounceSeconds !== undefined ? { debounceMs: n.statusDebounceSeconds * 1000 } : {}),
    };
  }
  return setup;
}

function xmppEntry(config: Config): AdapterSetup | null {
  if (!config.xmpp.accounts.length) return null;
  const setup: AdapterSetup = { adapters: [], rooms: [], networks: {} };
  for (const a of config.xmpp.accounts) {
    setup.adapters.push(new XmppAdapter(a));
    for (const r of a.rooms)
      setup.rooms.push({
        network: a.name,
        id: r.jid.toLowerCase(),
        name: r.jid.split('@')[0]!,
        enabled: r.publish,
        policy: r.policy,
      });
    const policy = a.subscriptions;
    const admits = (id: string) => decideSubscription(id, 'allow-list', a.allow) === 'approve';
    setup.networks[a.name] = {
      kind: 'xmpp',
      admission: { policy, admits, admins: a.admins.map((j) => j.toLowerCase()) },
      ...(a.statusDebounceSeconds !== undefined ? { debounceMs: a.statusDebounceSeconds * 1000 } : {}),
    };
  }
  return setup;
}

function matrixEntry(config: Config): AdapterSetup | null {
  if (!config.matrix.accounts.length) return null;
  const setup: AdapterSetup = { adapters: [], rooms: [], networks: {} };
  for (const a of config.matrix.accounts) {
    setup.adapters.push(
      new MatrixAdapter({ ...a, cryptoDir: a.cryptoDir ?? join(dirname(config.store.path), 'matrix-crypto', a.name) }),
    );
    for (const r of a.rooms)
      setup.rooms.push({
        network: a.name,
        id: r.id,
        name: r.id.slice(1).split(':')[0]!,
        enabled: r.publish,
        policy: r.policy,
      });
    // Invites are already filtered by the allow-list; `join` answers the same way, by user or server.
    const allow = a.allow.map((x) => x.toLowerCase());
    const admits = (id: string) => [id, id.slice(id.indexOf(':') + 1)].some((x) => allow.includes(x.toLowerCase()));
    setup.networks[a.name] = {
      kind: 'matrix',
      admission: { policy: a.invites, admits, admins: [] },
      ...(a.statusDebounceSeconds !== undefined ? { debounceMs: a.statusDebounceSeconds * 1000 } : {}),
    };
  }
  return setup;
}

export interface NetworkCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** One kind of network: how the config turns it on, its adapters, and what doctor checks of it. */
export interface NetworkEntry {
  kind: string;
  active(config: Config): boolean;
  setup: Entry;
  /** Doctor's checks, one per configured network; `stored` reads what an adapter kept in the store. */
  probe(config: Config, stored: (key: string) => Promise<string | undefined>): Promise<NetworkCheck[]>;
}

async function each<T>(items: readonly T[], check: (item: T) => Promise<NetworkCheck>): Promise<NetworkCheck[]> {
  const out: NetworkCheck[] = [];
  for (const item of items) out.push(await check(item));
  return out;
}

/** The registry: one entry per kind of network; config wiring, runtime and doctor go through it. */
export const REGISTRY: readonly NetworkEntry[] = [
  { kind: 'console', active: (c) => c.console.enabled !== false, setup: consoleEntry, probe: async () => [] },
  {
    kind: 'irc',
    active: (c) => c.irc.networks.length > 0,
    setup: ircEntry,
    probe: (c) => each(c.irc.networks, async (n) => ({ name: `irc:${n.name}`, ...(await probeIrc(n)) })),
  },
  {
    kind: 'xmpp',
    active: (c) => c.xmpp.accounts.length > 0,
    setup: xmppEntry,
    probe: (c) => each(c.xmpp.accounts, async (a) => ({ name: `xmpp:${a.name}`, ...(await probeXmpp(a)) })),
  },
  {
    kind: 'matrix',
    active: (c) => c.matrix.accounts.length > 0,
    setup: matrixEntry,
    probe: (c, stored) =>
      each(c.matrix.accounts, async (a) => {
        const token = a.accessToken ?? (await stored(`adapter:${a.name}:accessToken`));
        return { name: `matrix:${a.name}`, ...(await probeMatrix(a, token)) };
      }),
  },
];

export function setupAdapters(config: Config, io: RuntimeIo): AdapterSetup {
  const all: AdapterSetup = { adapters: [], rooms: [], networks: {} };
  for (const entry of REGISTRY) {
    const s = entry.setup(config, io);
    if (!s) continue;
    all.adapters.push(...s.adapters);
    all.rooms.push(...s.rooms);
    Object.assign(all.networks, s.networks);
  }
  return all;
}
