// The adapter registry: one line per network kind. Each entry turns its config section into adapters
// and says which rooms the operator enabled and how long status lines are debounced there.
import type { Config } from '../config';
import type { Adapter } from '../core/types';
import type { RoomPolicy } from '../core/model';
import { ConsoleAdapter } from '../../adapters/console';

export interface RoomSetting { network: string; id: string; name: string; enabled: boolean; policy: RoomPolicy }

export interface AdapterSetup {
  adapters: Adapter[];
  rooms: RoomSetting[];
  /** Per-network status debounce, ms, where it differs from ingest.statusDebounceSeconds. */
  debounceMs: Record<string, number>;
}

export interface RuntimeIo { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; quit: () => void }

type Entry = (config: Config, io: RuntimeIo) => AdapterSetup | null;

function consoleEntry(config: Config, io: RuntimeIo): AdapterSetup | null {
  const c = config.console;
  if (c.enabled === false) return null;
  const network = 'console';
  return {
    adapters: [new ConsoleAdapter({ network, handle: c.handle, name: c.name, room: c.room, input: io.input, output: io.output, onQuit: io.quit })],
    rooms: [{ network, id: c.room, name: `#${c.room}`, enabled: true, policy: 'opted-in' }],
    debounceMs: { [network]: c.statusDebounceSeconds * 1000 },
  };
}

export const REGISTRY: Record<string, Entry> = {
  console: consoleEntry,
};

export function setupAdapters(config: Config, io: RuntimeIo): AdapterSetup {
  const all: AdapterSetup = { adapters: [], rooms: [], debounceMs: {} };
  for (const entry of Object.values(REGISTRY)) {
    const s = entry(config, io);
    if (!s) continue;
    all.adapters.push(...s.adapters);
    all.rooms.push(...s.rooms);
    Object.assign(all.debounceMs, s.debounceMs);
  }
  return all;
}
