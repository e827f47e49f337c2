// Turns the config into running adapters through the network modules it was loaded with (built-in and plugins').
import { dirname } from 'node:path';
import { sectionOf, type Config } from '../config/index.ts';
import type { AdapterSetup, Check, NetworkModule, RuntimeIo } from '../core/network.ts';

export type { AdapterSetup, NetworkRules, RoomSetting, RuntimeIo } from '../core/network.ts';

/** The network modules the config turns on. */
export function activeNetworks(config: Config): NetworkModule[] {
  return config.modules.networks.filter((m) => m.active(sectionOf(config, m)));
}

export async function setupAdapters(config: Config, io: RuntimeIo): Promise<AdapterSetup> {
  const all: AdapterSetup = { adapters: [], rooms: [], networks: {} };
  const ctx = { io, dataDir: dirname(config.store.path) };
  for (const m of activeNetworks(config)) {
    const s = await m.setup(sectionOf(config, m), ctx);
    all.adapters.push(...s.adapters);
    all.rooms.push(...s.rooms);
    Object.assign(all.networks, s.networks);
  }
  return all;
}

/** Doctor's checks of every network the config turns on. */
export async function probeNetworks(
  config: Config,
  stored: (key: string) => Promise<string | undefined>,
): Promise<Check[]> {
  const out: Check[] = [];
  for (const m of activeNetworks(config)) out.push(...((await m.probe?.(sectionOf(config, m), { stored })) ?? []));
  return out;
}
