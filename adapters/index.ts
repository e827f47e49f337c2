// The registry of built-in networks: one line each. Plugins add theirs through `plugins:` in the config.
import { consoleNetwork } from './console/module';
import { ircNetwork } from './irc/module';
import { matrixNetwork } from './matrix/module';
import { xmppNetwork } from './xmpp/module';

export const NETWORKS = [consoleNetwork, ircNetwork, xmppNetwork, matrixNetwork] as const;
