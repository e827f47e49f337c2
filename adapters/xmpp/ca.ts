// `caFile`: trust a private CA for one XMPP server without touching the rest of the process.
// @xmpp/client offers no TLS options, so its TLS socket is taught to add the CA for the hosts it was given for.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { rootCertificates } from 'node:tls';

// The very class @xmpp/tls uses. Taken with require(), which gives an ES module's own namespace: in the bundle, which
// is CommonJS, `import Socket from` would give the namespace itself as the default (esbuild's interop).
const { default: Socket } = createRequire(import.meta.url)('@xmpp/tls/lib/Socket.js') as {
  default: { prototype: { connect(...args: unknown[]): unknown } };
};

const extra = new Map<string, string[]>();
let taught = false;

export function trustCaFor(hosts: readonly string[], caFile: string): void {
  const pems = [...rootCertificates, readFileSync(caFile, 'utf8')];
  for (const h of hosts) extra.set(h.toLowerCase(), pems);
  if (taught) return;
  taught = true;
  const connect = Socket.prototype.connect;
  Socket.prototype.connect = function (this: unknown, ...args: unknown[]) {
    const opts = args[0] as { host?: string; servername?: string } | undefined;
    const ca =
      opts && typeof opts === 'object'
        ? extra.get(String(opts.servername ?? opts.host ?? '').toLowerCase())
        : undefined;
    return connect.apply(this, ca ? [{ ...opts, ca }, ...args.slice(1)] : args);
  };
}

/** For an account: its domain (STARTTLS checks the certificate against it) and its service host (direct TLS). */
export function trustAccountCa(domain: string, service: string | undefined, caFile: string | undefined): void {
  if (!caFile) return;
  trustCaFor([domain, ...(service ? [new URL(service.replace(/^xmpps?/, 'http')).hostname] : [])], caFile);
}
