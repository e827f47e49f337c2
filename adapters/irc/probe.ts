// For `meshline doctor`: can we reach and register on the network, and which IRCv3 capabilities does it offer?
import IRC from 'irc-framework';
import type { IrcOptions } from './index.ts';

export interface IrcProbe {
  ok: boolean;
  detail: string;
  caps: string[];
}

/** Capabilities the adapter uses, in the order doctor reports them. */
export const WANTED_CAPS = [
  'away-notify',
  'account-notify',
  'extended-join',
  'account-tag',
  'server-time',
  'message-tags',
  'sasl',
] as const;

/** With `sasl` configured, the probe also logs in, so a wrong password shows here rather than in the logs later. */
export function probeIrc(
  opts: Pick<IrcOptions, 'host' | 'port' | 'tls' | 'nick' | 'sasl'>,
  timeoutMs = 10_000,
): Promise<IrcProbe> {
  return new Promise((resolve) => {
    const client = new IRC.Client();
    let login = '';
    client.on('loggedin', (e: { account: string }) => (login = `; SASL: logged in as ${e.account}`));
    client.on(
      'sasl failed',
      (e: { reason: string; message?: string }) =>
        (login = `; SASL failed: ${e.message ?? e.reason.replaceAll('_', ' ')}`),
    );
    const done = (p: IrcProbe) => {
      clearTimeout(timer);
      client.removeAllListeners();
      client.quit('doctor');
      resolve(p);
    };
    const timer = setTimeout(
      () =>
        done({ ok: false, detail: `no answer from ${opts.host}:${opts.port} within ${timeoutMs / 1000} s`, caps: [] }),
      timeoutMs,
    );
    client.on('registered', () => {
      // sasl is only requested when logging in, so ask whether it is offered rather than enabled.
      const available = client.network.cap.available;
      const offered = (c: string) => (available instanceof Map ? available.has(c) : c in available);
      const caps = WANTED_CAPS.filter((c) => client.network.cap.isEnabled(c) || (c === 'sasl' && offered(c)));
      const missing = WANTED_CAPS.filter((c) => !caps.includes(c));
      const note = missing.includes('away-notify') ? '; no away-notify: statuses come from WHOIS polling' : '';
      done({
        ok: !login.includes('failed'),
        detail:
          `reachable, capabilities: ` +
          `${caps.join(', ') || 'none'}${missing.length ? ` (missing: ${missing.join(', ')})` : ''}${note}${login}`,
        caps,
      });
    });
    client.on('socket close', () =>
      done({ ok: false, detail: `cannot connect to ${opts.host}:${opts.port}${opts.tls ? ' (TLS)' : ''}`, caps: [] }),
    );
    client.connect({
      host: opts.host,
      port: opts.port,
      tls: opts.tls,
      nick: `${opts.nick.slice(0, 20)}-dr${Math.floor(Math.random() * 1000)}`,
      auto_reconnect: false,
      ...(opts.sasl ? { account: opts.sasl } : {}),
    });
  });
}
