// Friending through the roster: whom the operator's policy lets see the bot's presence at all. Pure.
import type { XmppAccountConfig } from './config.ts';

export type Decision = 'approve' | 'deny' | 'ask';

/** An allow-list entry is a domain (example.org) or a bare JID (friend@example.org). */
export function decideSubscription(
  from: string,
  policy: XmppAccountConfig['subscriptions'],
  allow: readonly string[],
): Decision {
  if (policy === 'anyone') return 'approve';
  if (policy === 'manual') return 'ask';
  const jid = from.toLowerCase();
  const domain = jid.slice(jid.indexOf('@') + 1);
  return allow.some((a) => a.toLowerCase() === jid || a.toLowerCase() === domain) ? 'approve' : 'deny';
}
