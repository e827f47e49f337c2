// Loads the plugins a config names: each is an npm package or a path that exports a plugin object (see
// src/plugin.ts). Whatever is wrong with one is a ConfigError at `plugins[i]`, said before anything starts.
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, errorMessage } from '../core/errors.ts';
import type { NetworkModule } from '../core/network.ts';
import type { TargetModule } from '../publish/target.ts';
import type { Modules } from './index.ts';

/** What a plugin exports, as its default export or as `plugin`. */
export interface Plugin {
  /** For messages: usually the package's name. */
  name: string;
  networks?: readonly NetworkModule[];
  targets?: readonly TargetModule[];
}

// Meshline's own sections, and the key the loaded modules are kept under: no network kind may take them.
const RESERVED = ['site', 'store', 'preview', 'ingest', 'schedule', 'publish', 'media', 'mesh', 'plugins', 'modules'];
const KIND = /^[a-z][a-z0-9-]{0,31}$/;

function isPath(spec: string): boolean {
  return spec.startsWith('.') || isAbsolute(spec);
}

/** The file to import: a path means the config's folder; a package is looked up from there, then from Meshline. */
function locate(spec: string, baseDir: string): string {
  const from = createRequire(join(baseDir, 'meshline.yaml'));
  if (isPath(spec)) {
    const path = resolve(baseDir, spec);
    // A folder is a package: its package.json's main, or index.js.
    return pathToFileURL(statSync(path, { throwIfNoEntry: false })?.isDirectory() ? from.resolve(path) : path).href;
  }
  try {
    return pathToFileURL(from.resolve(spec)).href;
  } catch {
    return spec;
  }
}

/**
 * import() of a plugin. Bundled, this code is compiled with vm (scripts/load.cjs), which gives import() no loader
 * (Node 20's own for vm is experimental and warns): the launcher lends its own under this symbol.
 */
function importModule(url: string): Promise<unknown> {
  const lent = (globalThis as Record<symbol, unknown>)[Symbol.for('meshline.import')];
  return typeof lent === 'function' ? (lent as (u: string) => Promise<unknown>)(url) : import(url);
}

function contractProblem(p: Record<string, unknown>): string | undefined {
  if (typeof p.name !== 'string' || !p.name) return 'it has no name';
  const networks = p.networks ?? [];
  const targets = p.targets ?? [];
  if (!Array.isArray(networks) || !Array.isArray(targets)) return 'networks and targets must be lists';
  if (!networks.length && !targets.length) return 'it brings no networks and no publish targets';
  for (const n of networks as Record<string, unknown>[]) {
    const kind = String(n?.kind);
    if (!KIND.test(kind)) return `network kind "${kind}" is not lower-case letters, digits and -`;
    const missing = ['active', 'setup'].filter((f) => typeof n[f] !== 'function');
    if (typeof (n.section as { safeParse?: unknown })?.safeParse !== 'function') missing.push('section (a zod schema)');
    if (typeof n.sample !== 'string') missing.push('sample');
    if (missing.length) return `network ${kind} lacks ${missing.join(', ')}`;
  }
  for (const t of targets as Record<string, unknown>[]) {
    const name = String(t?.name);
    if (!KIND.test(name)) return `publish target "${name}" is not lower-case letters, digits and -`;
    const missing = typeof t.create === 'function' ? [] : ['create'];
    if (typeof (t.section as { safeParse?: unknown })?.safeParse !== 'function') missing.push('section (a zod schema)');
    if (typeof t.sample !== 'string') missing.push('sample');
    if (missing.length) return `publish target ${name} lacks ${missing.join(', ')}`;
  }
  return undefined;
}

async function loadOne(spec: string, baseDir: string, at: string): Promise<Plugin> {
  let mod: Record<string, unknown>;
  try {
    mod = (await importModule(locate(spec, baseDir))) as Record<string, unknown>;
  } catch (err) {
    const hint = isPath(spec) ? `a file or folder at ${resolve(baseDir, spec)}` : `npm install ${spec}`;
    throw new ConfigError(at, `plugin ${spec} cannot be loaded: ${errorMessage(err).split('\n')[0]}`, hint);
  }
  const p = (mod.default ?? mod.plugin) as Record<string, unknown> | undefined;
  const problem = p && typeof p === 'object' ? contractProblem(p) : 'it exports no plugin (default or `plugin`)';
  if (problem)
    throw new ConfigError(
      at,
      `plugin ${spec} does not fit Meshline's plugin contract: ${problem}`,
      "export default definePlugin({ name, networks: [...], targets: [...] })  (from 'meshline/plugin')",
    );
  return p as unknown as Plugin;
}

/** The built-in modules plus those of every plugin, in order; a second network kind or target name is refused. */
export async function loadPlugins(specs: readonly string[], baseDir: string, builtin: Modules): Promise<Modules> {
  const networks = [...builtin.networks];
  const targets = [...builtin.targets];
  for (const [i, spec] of specs.entries()) {
    const at = `plugins[${i}]`;
    const plugin = await loadOne(spec, baseDir, at);
    for (const n of plugin.networks ?? []) {
      if (RESERVED.includes(n.kind) || networks.some((m) => m.kind === n.kind))
        throw new ConfigError(at, `plugin ${spec} brings network kind ${n.kind}, which is already taken`);
      networks.push(n);
    }
    for (const t of plugin.targets ?? []) {
      if (['target', 'debounceSeconds'].includes(t.name) || targets.some((m) => m.name === t.name))
        throw new ConfigError(at, `plugin ${spec} brings publish target ${t.name}, which is already taken`);
      targets.push(t);
    }
  }
  return { networks, targets };
}
