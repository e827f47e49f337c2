// The registry of built-in networks: one line each. Plugins add theirs through `plugins:` in the config.
import { consoleNetwork } from './console/module.ts';
import { ircNetwork } from './irc/module.ts';
import { matrixNetwork } from './matrix/module.ts';
import { xmppNetwork } from './xmpp/module.ts';

export const NETWORKS = [consoleNetwork, ircNetwork, xmppNetwork, matrixNetwork] as const;
