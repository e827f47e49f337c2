import type { NetworkName } from './types';
import { compileNoise, DEFAULT_NOISE_PATTERNS } from './noise';

/** Everything ingest needs to decide, resolved from config by the wiring. */
export interface IngestRules {
  noise: RegExp[];
  /** Only the last status within this window (ms) is posted. */
  statusDebounceMs: (network: NetworkName) => number;
  /** Whether identities the network does not vouch for may opt in. */
  allowUnverified: (network: NetworkName) => boolean;
  pageSize: number;
  /** Mention notices one person may get per hour. */
  noticesPerHour: number;
  siteUrl: string;
  linkCodeTtlMs: number;
  /** Six-digit one-time codes; injectable for tests. */
  newCode: () => string;
}

export function defaultRules(overrides: Partial<IngestRules> = {}): IngestRules {
  return {
    noise: compileNoise(DEFAULT_NOISE_PATTERNS),
    statusDebounceMs: () => 0,
    allowUnverified: () => false,
    pageSize: 50,
    noticesPerHour: 6,
    siteUrl: 'http://127.0.0.1:8080/',
    linkCodeTtlMs: 15 * 60_000,
    newCode: () => String(Math.floor(100000 + Math.random() * 900000)),
    ...overrides,
  };
}
