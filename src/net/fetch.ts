// Fetching what a message or a followed source points at, on the operator's network: web addresses only, private
// addresses refused unless allowed — checked on the address actually connected to, at every redirect, so DNS that
// answers differently the second time cannot slip past — a time limit and a size cap. Media and mesh pulls share it.
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { MeshlineError, NetworkError, errorMessage } from '../core/errors.ts';

// Node's DNS and HTTP modules are loaded at the first fetch: most commands fetch nothing, and they were ~6 ms of each
// command's start.
const builtin = createRequire(import.meta.url);
const dns = () => builtin('node:dns') as typeof import('node:dns');
const web = (https: boolean) => builtin(https ? 'node:https' : 'node:http') as typeof import('node:http');

export interface FetchLimits {
  /** The setting that allows private addresses, named in the refusal (`media.allowPrivateAddresses`). */
  privateSetting: string;
  allowPrivateAddresses: boolean;
  timeoutMs: number;
  maxBytes: number;
  /** Redirects followed, each checked like the first address; 0 refuses any. */
  maxRedirects: number;
  /** The setting that caps the size, named when a body is larger. */
  sizeSetting: string;
}

export interface Fetched {
  status: number;
  /** The address that answered, after redirects. */
  url: string;
  headers: { get(name: string): string | null };
  /** Empty for a 304. */
  bytes: Buffer;
}

// Loopback, private, shared (CGNAT), link-local, unspecified and unique-local ranges. BlockList also matches IPv4
// addresses written as IPv6 (::ffff:7f00:1 is 127.0.0.1). Made at the first check: node:net is not loaded for it by a
// command that fetches nothing (~5 ms; Node loads it itself only for a pipe on stdout).
let privateRanges: BlockList | undefined;

function privateList(): BlockList {
  if (privateRanges) return privateRanges;
  const list = new BlockList();
  for (const [net, bits] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.168.0.0', 16],
  ] as const)
    list.addSubnet(net, bits, 'ipv4');
  for (const [net, bits] of [
    ['::', 128],
    ['::1', 128],
    ['fc00::', 7],
    ['fe80::', 10],
  ] as const)
    list.addSubnet(net, bits, 'ipv6');
  privateRanges = list;
  return list;
}

export function isPrivateAddress(ip: string): boolean {
  const family = isIP(ip);
  return family === 0 ? false : privateList().check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

class PrivateAddress extends MeshlineError {}

/** A resolver that fails when the host resolves to a private address: used for the connection itself. */
function guardedLookup(host: string, limits: FetchLimits): LookupFunction {
  return (hostname, options, callback) => {
    dns().lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as unknown as { address: string; family: number }[];
      if (!limits.allowPrivateAddresses && list.some((a) => isPrivateAddress(a.address)))
        return callback(new PrivateAddress(`${host} is a private address (${limits.privateSetting} is off)`), '', 0);
      const first = list[0]!;
      if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: typeof list) => void)(null, list);
      else callback(null, first.address, first.family);
    });
  };
}

function get(u: URL, limits: FetchLimits, headers: Record<string, string>): Promise<IncomingMessage> {
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new MeshlineError(`not a web address: ${u.href}`);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !limits.allowPrivateAddresses && isPrivateAddress(host))
    throw new MeshlineError(`${u.hostname} is a private address (${limits.privateSetting} is off)`);
  const request = web(u.protocol === 'https:').request;
  return new Promise((resolve, reject) => {
    const req = request(u, {
      headers: { 'user-agent': 'Meshline', ...headers },
      lookup: guardedLookup(u.hostname, limits),
      signal: AbortSignal.timeout(limits.timeoutMs),
    });
    req.on('response', resolve);
    req.on('error', reject);
    req.end();
  });
}

const view = (res: IncomingMessage) => ({
  get: (name: string) => {
    const v = res.headers[name.toLowerCase()];
    return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
  },
});

/**
 * GETs `url`. 5xx, 429 and network failures are transient NetworkErrors; other refusals are returned as they are
 * (the caller knows what a 404 or a 304 means to it).
 */
export async function guardedFetch(
  url: string,
  limits: FetchLimits,
  headers: Record<string, string> = {},
): Promise<Fetched> {
  let u = new URL(url);
  for (let hop = 0; ; hop++) {
    let res: IncomingMessage;
    try {
      res = await get(u, limits, headers);
    } catch (err) {
      if (err instanceof MeshlineError && !(err instanceof NetworkError)) throw err;
      const cause = (err as { cause?: unknown }).cause;
      if (err instanceof PrivateAddress || cause instanceof PrivateAddress) throw err;
      throw new NetworkError(`fetching ${u.href} failed: ${errorMessage(err)}`, { cause: err });
    }
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (status >= 300 && status < 400 && status !== 304 && location) {
      res.resume();
      if (hop >= limits.maxRedirects)
        throw new MeshlineError(`${url} redirects ${limits.maxRedirects ? 'too often' : 'elsewhere'} (to ${location})`);
      u = new URL(location, u);
      continue;
    }
    if (status >= 500 || status === 429) {
      res.resume();
      throw new NetworkError(`fetching ${u.href}: HTTP ${status}`);
    }
    if (Number(res.headers['content-length'] ?? 0) > limits.maxBytes) {
      res.destroy();
      throw new MeshlineError(`${u.href} is larger than ${limits.sizeSetting}`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of res as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > limits.maxBytes) {
          res.destroy();
          throw new MeshlineError(`${u.href} is larger than ${limits.sizeSetting}`);
        }
        chunks.push(chunk);
      }
    } catch (err) {
      if (err instanceof MeshlineError) throw err;
      throw new NetworkError(`reading ${u.href} failed: ${errorMessage(err)}`, { cause: err });
    }
    return { status, url: u.href, headers: view(res), bytes: Buffer.concat(chunks) };
  }
}
