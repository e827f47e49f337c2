import type { NetworkName } from './types.ts';
import { compileNoise, DEFAULT_NOISE_PATTERNS } from './noise.ts';

/** Who may opt in on one network. Whatever the policy, an admin's `deny` wins and their `approve` admits. */
export interface Admission {
  /** anyone; allow-list: those `admits` accepts (others wait for an admin, if any); manual: admins decide. */
  policy: 'anyone' | 'allow-list' | 'manual';
  /** The network's own reading of its allow-list (a JID's domain, a Matrix server). */
  admits: (senderId: string) => boolean;
  /** Identities on this network that may `approve`, `deny` and list `pending` requests. */
  admins: readonly string[];
}

export interface NetworkRef {
  name: NetworkName;
  /** The protocol: people may name a network by it when it is the only one of its kind. */
  kind: string;
  /** Not offered when people are told which networks there are (the operator's own terminal). */
  hidden?: boolean;
}

/** Everything ingest needs to decide, resolved from config by the wiring. */
export interface IngestRules {
  admission: (network: NetworkName) => Admission;
  /** Friending the bot (a roster subscription) opts in at once; otherwise it only explains and asks for `join`. */
  friendingOptsIn: (network: NetworkName) => boolean;
  /** The configured networks, for `link` and `notify`; undefined where unknown (pure tests), and then any name goes. */
  networks?: readonly NetworkRef[];
  noise: RegExp[];
  /** Only the last status within this window (ms) is posted. */
  statusDebounceMs: (network: NetworkName) => number;
  /** Whether identities the network does not vouch for may opt in. */
  allowUnverified: (network: NetworkName) => boolean;
  pageSize: number;
  /** Mention notices one person may get per hour. */
  noticesPerHour: number;
  /** Distinct people flagging a post before it is hidden for review. */
  flagThreshold: number;
  siteUrl: string;
  /** How long a new post's share of the search index and sitemap may wait, so posts close together share it. */
  batchMs: number;
  /** Videos linked in posts become cards (media.embeds). */
  embeds: boolean;
  /** The site's language (site.lang): the bot replies in it where it has the words (src/core/say.ts). */
  lang?: string;
  linkCodeTtlMs: number;
  /** Six-digit one-time codes; injectable for tests. */
  newCode: () => string;
}

export function defaultRules(overrides: Partial<IngestRules> = {}): IngestRules {
  return {
    admission: () => ({ policy: 'anyone', admits: () => false, admins: [] }),
    friendingOptsIn: () => false,
    noise: compileNoise(DEFAULT_NOISE_PATTERNS),
    statusDebounceMs: () => 0,
    allowUnverified: () => false,
    pageSize: 50,
    noticesPerHour: 6,
    flagThreshold: 3,
    siteUrl: 'http://127.0.0.1:8080/',
    batchMs: 0,
    embeds: false,
    linkCodeTtlMs: 15 * 60_000,
    newCode: () => String(Math.floor(100000 + Math.random() * 900000)),
    ...overrides,
  };
}
