// Meshline's plugin API: `import { definePlugin, defineNetwork, defineTarget, z } from 'meshline/plugin'`.
// A plugin is an npm package or a file that exports `definePlugin({ ... })` as its default export; the config
// names it under `plugins:`. See docs/PLUGINS.md for the contract and examples/ for working plugins.
import * as z from 'zod';
import type { Plugin } from './config/plugins.ts';
import type { NetworkModule } from './core/network.ts';
import type { TargetModule } from './publish/target.ts';

export { z };
export { defineNetwork, eachChecked } from './core/network.ts';
export type {
  AdapterSetup,
  Check,
  NetworkModule,
  NetworkRules,
  ProbeContext,
  RoomSetting,
  RuntimeIo,
  SetupContext,
} from './core/network.ts';
export { defineTarget, SourceGone } from './publish/target.ts';
export type { PublishTarget, TargetContext, TargetModule } from './publish/target.ts';
export type {
  Adapter,
  AdapterSink,
  AdapterStatus,
  ChatEvent,
  ChatEventKind,
  DirectEvent,
  MessageEvent,
  Recipient,
  RoomRef,
  Sender,
  StatusEvent,
  SubscriptionEvent,
} from './core/types.ts';
export { ConfigError, MeshlineError, NetworkError, errorMessage } from './core/errors.ts';
export { Reconnector, retry, sleep } from './core/retry.ts';
export { logger, type Logger } from './log.ts';
export type { Plugin } from './config/plugins.ts';

/** Types a plugin: its name, and the network modules and publish targets it brings. */
export function definePlugin<
  const N extends readonly NetworkModule[] = [],
  const T extends readonly TargetModule[] = [],
>(plugin: { name: string; networks?: N; targets?: T }): Plugin {
  return plugin;
}
