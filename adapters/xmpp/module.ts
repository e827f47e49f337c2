// XMPP as a network module: one adapter per account, its MUC rooms, and who may subscribe.
import { defineNetwork, eachChecked, type AdapterSetup } from '../../src/core/network.ts';
import { xmppExamples, xmppSection } from './config.ts';
import { decideSubscription } from './roster.ts';

export const xmppNetwork = defineNetwork({
  kind: 'xmpp',
  section: xmppSection,
  examples: xmppExamples,
  paths: ['accounts.*.caFile'],
  sample: `xmpp:
  # One entry per XMPP account the bot logs in with; none by default.
  accounts: []
  # - name: jabber                # names the network in identities; lower-case letters, digits, - _
  #   jid: meshline@example.org
  #   password: "\${XMPP_PASSWORD}"
  #   service: xmpp://xmpp.example.org:5222   # default: the JID's domain through DNS SRV
  #   resource: meshline
  #   caFile: /etc/ssl/our-ca.pem # trust a private CA for this server
  #   subscriptions: anyone       # who may join: anyone, allow-list (with allow:) or manual (admins approve)
  #   allow: [example.org, friend@other.example]
  #   admins: [you@example.org]
  #   rooms:
  #     - friends@conference.example.org
  #     - { jid: "den@conference.example.org", publish: true, policy: opted-in, create: false }
  #   statusDebounceSeconds: 60   # overrides ingest.statusDebounceSeconds here
  #   pingSeconds: 60             # keep-alive; a ping without answer reconnects
  #   allowPlaintext: false       # true only for a trusted local server without TLS
`,
  active: (c) => c.accounts.length > 0,
  setup: async (c) => {
    const { XmppAdapter } = await import('./index.ts');
    const setup: AdapterSetup = { adapters: [], rooms: [], networks: {} };
    for (const a of c.accounts) {
      setup.adapters.push(new XmppAdapter(a));
      for (const r of a.rooms)
        setup.rooms.push({
          network: a.name,
          id: r.jid.toLowerCase(),
          name: r.jid.split('@')[0]!,
          enabled: r.publish,
          policy: r.policy,
        });
      const admits = (id: string) => decideSubscription(id, 'allow-list', a.allow) === 'approve';
      setup.networks[a.name] = {
        kind: 'xmpp',
        admission: { policy: a.subscriptions, admits, admins: a.admins.map((j) => j.toLowerCase()) },
        ...(a.statusDebounceSeconds !== undefined ? { debounceMs: a.statusDebounceSeconds * 1000 } : {}),
      };
    }
    return setup;
  },
  probe: async (c) => {
    const { probeXmpp } = await import('./probe.ts');
    return eachChecked(c.accounts, async (a) => ({ name: `xmpp:${a.name}`, ...(await probeXmpp(a)) }));
  },
});
