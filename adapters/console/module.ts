// The console as a network module: on unless the config turns it off, so a fresh install has something to type into.
import { defineNetwork } from '../../src/core/network.ts';
import { consoleExamples, consoleSection } from './config.ts';

export const consoleNetwork = defineNetwork({
  kind: 'console',
  section: consoleSection,
  examples: consoleExamples,
  sample: `console:
  # The terminal as a chat network. Default: on unless disabled here.
  # enabled: true
  handle: me
  name: Me
  room: lobby
  statusDebounceSeconds: 0
`,
  active: (c) => c.enabled !== false,
  setup: async (c, { io }) => {
    const { ConsoleAdapter } = await import('./index.ts');
    const network = 'console';
    return {
      adapters: [
        new ConsoleAdapter({
          network,
          handle: c.handle,
          name: c.name,
          room: c.room,
          input: io.input,
          output: io.output,
          onQuit: io.quit,
        }),
      ],
      rooms: [{ network, id: c.room, name: `#${c.room}`, enabled: true, policy: 'opted-in' }],
      // The terminal is the operator's own: starting it is their consent.
      networks: {
        [network]: {
          kind: 'console',
          hidden: true,
          debounceMs: c.statusDebounceSeconds * 1000,
          allowUnverified: true,
          friendingOptsIn: true,
        },
      },
    };
  },
});
