// Matrix as a network module: one adapter per account, its rooms, and whose invites are accepted.
import { join } from 'node:path';
import { defineNetwork, eachChecked, type AdapterSetup } from '../../src/core/network.ts';
import { matrixExamples, matrixSection } from './config.ts';

export const matrixNetwork = defineNetwork({
  kind: 'matrix',
  section: matrixSection,
  examples: matrixExamples,
  paths: ['accounts.*.cryptoDir'],
  sample: `matrix:
  # One entry per Matrix account the bot uses; none by default.
  accounts: []
  # - name: matrix                # names the network in identities; lower-case letters, digits, - _
  #   homeserver: https://matrix.example.org
  #   accessToken: "\${MATRIX_TOKEN}"   # or userId + password: Meshline logs in once and keeps the token
  #   userId: "@meshline:example.org"
  #   invites: anyone             # anyone, or allow-list (with allow:); other invites are declined with a reason
  #   allow: ["@you:example.org", example.org, "#club:example.org"]   # people, servers, rooms
  #   rooms: ["#friends:example.org", { id: "!abc:example.org", publish: true, policy: opted-in }]   # always joined
  #   encryption: auto            # auto: when the native crypto library is installed (README); off; required
  #   cryptoDir: data/matrix-crypto/matrix   # the device's keys: back it up with the database
  #   statusDebounceSeconds: 60   # overrides ingest.statusDebounceSeconds here
  #   presencePollSeconds: 120    # when the homeserver sends no presence in /sync
`,
  active: (c) => c.accounts.length > 0,
  setup: async (c, { dataDir }) => {
    const { MatrixAdapter } = await import('./index.ts');
    const setup: AdapterSetup = { adapters: [], rooms: [], networks: {} };
    for (const a of c.accounts) {
      setup.adapters.push(
        new MatrixAdapter({ ...a, cryptoDir: a.cryptoDir ?? join(dataDir, 'matrix-crypto', a.name) }),
      );
      for (const r of a.rooms)
        setup.rooms.push({
          network: a.name,
          id: r.id,
          name: r.id.slice(1).split(':')[0]!,
          enabled: r.publish,
          policy: r.policy,
        });
      // Invites are already filtered by the allow-list; `join` answers the same way, by user or server.
      const allow = a.allow.map((x) => x.toLowerCase());
      const admits = (id: string) => [id, id.slice(id.indexOf(':') + 1)].some((x) => allow.includes(x.toLowerCase()));
      setup.networks[a.name] = {
        kind: 'matrix',
        admission: { policy: a.invites, admits, admins: [] },
        ...(a.statusDebounceSeconds !== undefined ? { debounceMs: a.statusDebounceSeconds * 1000 } : {}),
      };
    }
    return setup;
  },
  probe: async (c, { stored }) => {
    const { probeMatrix } = await import('./probe.ts');
    return eachChecked(c.accounts, async (a) => {
      const token = a.accessToken ?? (await stored(`adapter:${a.name}:accessToken`));
      return { name: `matrix:${a.name}`, ...(await probeMatrix(a, token)) };
    });
  },
});
