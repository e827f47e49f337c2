// The contract a network module keeps: the built-in ones in adapters/ and those plugins bring. Meshline's config,
// runtime, doctor and `init` know networks only through it.
import type * as z from 'zod';
import type { RoomPolicy } from './model.ts';
import type { Admission } from './rules.ts';
import type { Adapter } from './types.ts';

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
  /** Not offered when people are told which networks there are (the operator's own terminal). */
  hidden?: boolean;
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

/** The terminal Meshline runs in, for a network that talks through it. */
export interface RuntimeIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  quit: () => void;
}

export interface SetupContext {
  io: RuntimeIo;
  /** The database's folder: what a network keeps on disk (device keys, caches) goes beside it. */
  dataDir: string;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface ProbeContext {
  /** A value an adapter kept in the store (a token from a password login), if the database is there. */
  stored(key: string): Promise<string | undefined>;
}

/**
 * One kind of network. Its config section is the top-level key `kind`; the section's schema gives every default,
 * so a config without the key parses to the network switched off (or, for the console, on).
 */
export interface NetworkModule<S extends z.ZodType = z.ZodType> {
  /** The protocol and the config section's key: lower-case letters, digits and -. */
  kind: string;
  section: S;
  /** What `meshline init` writes for the section: the key line and every option, commented, at its default. */
  sample: string;
  /** A right value to show beside an error, by full key path (`irc.networks[0].host`). */
  examples?: Record<string, string>;
  /** Keys inside the section that name files, as `accounts.*.caFile`: relative ones mean the config's folder. */
  paths?: readonly string[];
  /** Whether the section turns any network of this kind on. */
  active(section: z.output<S>): boolean;
  /** The adapters, rooms and per-network rules the section asks for (import the protocol library here, lazily). */
  setup(section: z.output<S>, ctx: SetupContext): AdapterSetup | Promise<AdapterSetup>;
  /** Doctor's checks, one per configured network; they look and change nothing. */
  probe?(section: z.output<S>, ctx: ProbeContext): Promise<Check[]>;
}

/** Types a network module, so its callbacks see its own section's type. */
export function defineNetwork<S extends z.ZodType>(module: NetworkModule<S>): NetworkModule<S> {
  return module;
}

/** Runs `check` on each item in turn: probes of one network kind, one line each. */
export async function eachChecked<T>(items: readonly T[], check: (item: T) => Promise<Check>): Promise<Check[]> {
  const out: Check[] = [];
  for (const item of items) out.push(await check(item));
  return out;
}
