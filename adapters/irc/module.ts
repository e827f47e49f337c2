// IRC as a network module: one adapter per configured network, its channels as rooms.
import { defineNetwork, eachChecked, type AdapterSetup } from '../../src/core/network.ts';
import { ircExamples, ircSection } from './config.ts';

export const ircNetwork = defineNetwork({
  kind: 'irc',
  section: ircSection,
  examples: ircExamples,
  sample: `irc:
  # One entry per IRC network; none by default.
  networks: []
  # - name: libera                # names the network in identities; lower-case letters, digits, - _
  #   host: irc.libera.chat
  #   port: 6697
  #   tls: true
  #   nick: meshline
  #   altNicks: [meshline_]
  #   sasl: { account: meshline, password: "\${IRC_PASSWORD}" }
  #   channels: ["#ourgroup-chat", { name: "#ourgroup", publish: true, policy: opted-in }]
  #   allowUnverified: false      # let people without a services account opt in by nick
  #   statusDebounceSeconds: 60   # overrides ingest.statusDebounceSeconds here
  #   lineBytes: 400              # reply line length, bytes
  #   burst: 4                    # lines sent at once before throttling
  #   gapMs: 600                  # then one line per this many ms
  #   whoisPollSeconds: 120       # servers without away-notify: how often to ask WHO
`,
  active: (c) => c.networks.length > 0,
  // The protocol library is loaded only when a network of this kind is on: commands that do not connect start fast.
  setup: async (c) => {
    const { IrcAdapter } = await import('./index.ts');
    const setup: AdapterSetup = { adapters: [], rooms: [], networks: {} };
    for (const n of c.networks) {
      setup.adapters.push(new IrcAdapter({ ...n, channels: n.channels.map((ch) => ch.name) }));
      for (const ch of n.channels)
        setup.rooms.push({
          network: n.name,
          id: ch.name.toLowerCase(),
          name: ch.name,
          enabled: ch.publish,
          policy: ch.policy,
        });
      setup.networks[n.name] = {
        kind: 'irc',
        allowUnverified: n.allowUnverified,
        ...(n.statusDebounceSeconds !== undefined ? { debounceMs: n.statusDebounceSeconds * 1000 } : {}),
      };
    }
    return setup;
  },
  probe: async (c) => {
    const { probeIrc } = await import('./probe.ts');
    return eachChecked(c.networks, async (n) => ({ name: `irc:${n.name}`, ...(await probeIrc(n)) }));
  },
});
