// Fetching what a message or a followed source points at, on the operator's network: web addresses only, private
// addresses refused unless allowed (checked again at every redirect), a time limit and a size cap. Media mirroring
// and mesh pulls share it.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { MeshlineError, NetworkError, errorMessage } from '../core/errors.ts';

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
  headers: Headers;
  /** Empty for a 304. */
  bytes: Buffer;
}

/** Loopback, private, link-local and unique-local addresses: not for a chat message to make us fetch. */
export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 4) {
    const [a, b] = ip.split('.').map(Number) as [number, number];
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  const v6 = ip.toLowerCase();
  if (v6.startsWith('::ffff:')) return isPrivateAddress(v6.slice(7));
  return v6 === '::1' || v6 === '::' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe80');
}

async function checkAddress(u: URL, limits: FetchLimits): Promise<void> {
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new MeshlineError(`not a web address: ${u.href}`);
  if (limits.allowPrivateAddresses) return;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const addrs = isIP(host)
    ? [host]
    : (
        await lookup(host, { all: true }).catch((err) => {
          throw new NetworkError(`cannot resolve ${host}`, { cause: err });
        })
      ).map((a) => a.address);
  if (addrs.some(isPrivateAddress))
    throw new MeshlineError(`${u.hostname} is a private address (${limits.privateSetting} is off)`);
}

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
    await checkAddress(u, limits);
    let res: Response;
    try {
      res = await fetch(u, { redirect: 'manual', signal: AbortSignal.timeout(limits.timeoutMs), headers });
    } catch (err) {
      throw new NetworkError(`fetching ${u.href} failed: ${errorMessage(err)}`, { cause: err });
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && res.status !== 304 && location) {
      await res.body?.cancel();
      if (hop >= limits.maxRedirects)
        throw new MeshlineError(`${url} redirects ${limits.maxRedirects ? 'too often' : 'elsewhere'} (to ${location})`);
      u = new URL(location, u);
      continue;
    }
    if (res.status >= 500 || res.status === 429) {
      await res.body?.cancel();
      throw new NetworkError(`fetching ${u.href}: HTTP ${res.status}`);
    }
    if (Number(res.headers.get('content-length') ?? 0) > limits.maxBytes) {
      await res.body?.cancel();
      throw new MeshlineError(`${u.href} is larger than ${limits.sizeSetting}`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of (res.body ?? []) as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > limits.maxBytes) throw new MeshlineError(`${u.href} is larger than ${limits.sizeSetting}`);
      chunks.push(Buffer.from(chunk));
    }
    return { status: res.status, url: u.href, headers: res.headers, bytes: Buffer.concat(chunks) };
  }
}
