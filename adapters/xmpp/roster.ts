// Friending through the roster: who may subscribe, by the operator's policy. Pure.
import type { XmppAccountConfig } from '../../src/config/sections/xmpp';

export type Decision = 'approve' | 'deny' | 'ask';

/** An allow-list entry is a domain (example.org) or a bare JID (friend@example.org). */
export function decideSubscription(from: string, policy: XmppAccountConfig['subscriptions'], allow: readonly string[]): Decision {
  if (policy === 'anyone') return 'approve';
  if (policy === 'manual') return 'ask';
  const jid = from.toLowerCase();
  const domain = jid.slice(jid.indexOf('@') + 1);
  return allow.some((a) => a.toLowerCase() === jid || a.toLowerCase() === domain) ? 'approve' : 'deny';
}

/** Admin commands for manual approval, read from a direct message. */
export type AdminCommand = { kind: 'approve' | 'deny'; jid: string } | { kind: 'pending' };

export function parseAdminCommand(text: string): AdminCommand | null {
  const m = /^[!/]?(approve|deny)\s+(\S+@\S+)$/i.exec(text.trim());
  if (m) return { kind: m[1]!.toLowerCase() as 'approve' | 'deny', jid: m[2]!.toLowerCase() };
  return /^[!/]?pending$/i.test(text.trim()) ? { kind: 'pending' } : null;
}
