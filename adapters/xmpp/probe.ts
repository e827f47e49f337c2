// For `meshline doctor`: can we log in, how big is the roster, do the configured rooms exist?
import { trustAccountCa } from './ca.ts';
import { client, xml } from '@xmpp/client';
import type { XmppAccountConfig } from './config.ts';
import { errorMessage } from '../../src/core/errors.ts';

export interface XmppProbe {
  ok: boolean;
  detail: string;
}

export async function probeXmpp(a: XmppAccountConfig, timeoutMs = 15_000): Promise<XmppProbe> {
  const [local, domain] = a.jid.toLowerCase().split('@') as [string, string];
  // Its own resource, so a running Meshline on the same account is not disturbed.
  trustAccountCa(domain, a.service, a.caFile);
  const xmpp = client({
    ...(a.service ? { service: a.service } : {}),
    domain,
    resource: `${a.resource}-doctor`,
    username: local,
    password: a.password,
  });
  xmpp.reconnect.stop();
  xmpp.on('error', () => undefined);
  const timer = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs).unref(),
  );
  try {
    await Promise.race([xmpp.start(), timer]);
    const secure = xmpp.socket?.secure === true;
    if (!secure && !a.allowPlaintext)
      return {
        ok: false,
        detail: `logged in as ${a.jid} WITHOUT TLS; Meshline will refuse this connection (allowPlaintext is false)`,
      };
    const roster = await xmpp.iqCaller.request(xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })));
    const contacts = roster.getChild('query', 'jabber:iq:roster')?.getChildren('item').length ?? 0;
    const rooms: string[] = [];
    let missing = 0;
    for (const r of a.rooms) {
      const disco = xml(
        'iq',
        { type: 'get', to: r.jid },
        xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' }),
      );
      const info = await xmpp.iqCaller.request(disco, 10_000).catch(() => undefined);
      if (!info && !r.create) missing++;
      const features =
        info
          ?.getChild('query')
          ?.getChildren('feature')
          .map((f) => f.attrs.var) ?? [];
      // Only moderators see who is who in a semi-anonymous room: otherwise no message there can be published.
      const semi = features.includes('muc_semianonymous')
        ? " (semi-anonymous: unless Meshline is a moderator, nobody's messages can be published; the owner can set " +
          'whois: anyone)'
        : '';
      rooms.push(`${r.jid} ${info ? `exists${semi}` : r.create ? 'will be created' : 'NOT FOUND'}`);
    }
    const detail =
      `logged in as ${a.jid}${secure ? ' (TLS)' : ' (no TLS, allowed)'}, ${contacts} ` +
      `contacts${rooms.length ? `; rooms: ${rooms.join(', ')}` : '; no rooms'}`;
    return { ok: missing === 0, detail };
  } catch (err) {
    return { ok: false, detail: `cannot log in as ${a.jid}: ${errorMessage(err)}` };
  } finally {
    await xmpp.stop().catch(() => undefined);
  }
}
