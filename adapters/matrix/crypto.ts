// End-to-end encryption, when the native library is there. matrix-bot-sdk does the work (its CryptoClient
// encrypts what we send and decrypts what /sync brings); Meshline only decides whether to turn it on and where
// the device's keys are kept.
import { createRequire } from 'node:module';
import { RustSdkCryptoStorageProvider, type MatrixClient } from 'matrix-bot-sdk';
import type { MatrixAccountConfig } from './config.ts';
import { MeshlineError } from '../../src/core/errors.ts';

const load = createRequire(import.meta.url);

export interface CryptoSupport {
  available: boolean;
  detail: string;
}

/** Whether the real library (not the stand-in in vendor/) is what matrix-bot-sdk loads. */
export function cryptoSupport(): CryptoSupport {
  const mod = load('@matrix-org/matrix-sdk-crypto-nodejs') as { available?: boolean; UNAVAILABLE?: string };
  if (mod.available === false)
    return { available: false, detail: mod.UNAVAILABLE ?? 'end-to-end encryption is unavailable' };
  return { available: true, detail: 'end-to-end encryption available' };
}

// The library's StoreType.Sqlite; matrix-bot-sdk's default (Sled) is deprecated upstream.
const SQLITE_STORE = 1;

/** The crypto store for an account, or undefined when encryption stays off. */
export function cryptoStoreFor(
  opts: MatrixAccountConfig & { cryptoDir: string },
  support = cryptoSupport(),
): RustSdkCryptoStorageProvider | undefined {
  if (opts.encryption === 'off') return undefined;
  if (!support.available) {
    if (opts.encryption === 'required')
      throw new MeshlineError(`${opts.name}: matrix.accounts[].encryption is "required" but ${support.detail}`);
    return undefined;
  }
  return new RustSdkCryptoStorageProvider(opts.cryptoDir, SQLITE_STORE);
}

interface Engine {
  lock: { acquire(key: string, fn: () => Promise<void>): Promise<void> };
  machine: { updateTrackedUsers(u: unknown[]): Promise<void>; getMissingSessions(u: unknown[]): Promise<unknown> };
  runOnly(...types: number[]): Promise<void>;
  processKeysClaimRequest(r: unknown): Promise<void>;
  addTrackedUsers(userIds: string[]): Promise<void>;
}

// The library's RequestType.KeysQuery.
const KEYS_QUERY = 1;

/**
 * matrix-bot-sdk 0.7 starts tracking a newly seen member and at once asks for their missing sessions, while still
 * holding the sync lock: the library then waits (seconds) for a key query that only the next sync would send,
 * and every sync and send waits behind it. Sending the key query first removes the wait.
 */
export function queryKeysBeforeClaiming(client: MatrixClient): void {
  const engine = (client.crypto as unknown as { engine?: Engine } | undefined)?.engine;
  if (!engine) return;
  const { UserId } = load('@matrix-org/matrix-sdk-crypto-nodejs') as { UserId: new (id: string) => unknown };
  engine.addTrackedUsers = (userIds) =>
    engine.lock.acquire('sync', async () => {
      await engine.machine.updateTrackedUsers(userIds.map((u) => new UserId(u)));
      await engine.runOnly(KEYS_QUERY);
      const claim = await engine.machine.getMissingSessions(userIds.map((u) => new UserId(u)));
      if (claim) await engine.processKeysClaimRequest(claim);
    });
}
