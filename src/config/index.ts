// Typed config: one schema per section (sections/), defaults there and nowhere else.
// Errors name the key path, say what is wrong and show a right value.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import * as z from 'zod';
import { ConfigError } from '../core/errors.ts';
import { keysAt, nearest, type Locate } from './explain.ts';
import { loadPlugins } from './plugins.ts';
import { DEFAULT_CONFIG_PATH } from './default-path.ts';
import { mediaExamples, mediaSection } from './sections/media.ts';
import { meshExamples, meshSection } from './sections/mesh.ts';
import { moderationExamples, moderationSection } from './sections/moderation.ts';
import { ingestExamples, ingestSection, scheduleSection } from './sections/ingest.ts';
import { publishExamples, publishSection, type PublishConfig } from './sections/publish.ts';
import { siteExamples, siteSection } from './sections/site.ts';
import { previewSection, storeExamples, storeSection } from './sections/store.ts';
import type { NetworkModule } from '../core/network.ts';
import type { TargetModule } from '../publish/target.ts';
import { TARGETS } from '../publish/targets.ts';
import { NETWORKS } from '../../adapters/index.ts';

/** The networks and publish targets a config can use: the built-in ones and those its plugins bring. */
export interface Modules {
  networks: readonly NetworkModule[];
  targets: readonly TargetModule[];
}

export const BUILTIN: Modules = { networks: NETWORKS, targets: TARGETS };

const coreShape = {
  site: siteSection,
  store: storeSection,
  preview: previewSection,
  ingest: ingestSection,
  schedule: scheduleSection,
  media: mediaSection,
  mesh: meshSection,
  moderation: moderationSection,
  /** npm packages or paths (relative to the config's folder) whose networks and publish targets Meshline adds. */
  plugins: z.array(z.string().min(1)).default([]),
};

/** The sections Meshline itself reads; a network's or target's own section is read through its module. */
export type CoreConfig = z.infer<z.ZodObject<typeof coreShape>> & { publish: PublishConfig };
export type Config = CoreConfig & { readonly modules: Modules };

/** The whole file's schema: Meshline's sections, then one per network kind. */
export function configSchema(modules: Modules = BUILTIN): z.ZodType {
  return z.strictObject({
    ...coreShape,
    publish: publishSection(modules.targets),
    ...Object.fromEntries(modules.networks.map((n) => [n.kind, n.section])),
  });
}

/** A network's section of the config, typed by its module. */
export function sectionOf<S extends z.ZodType>(config: Config, module: NetworkModule<S>): z.output<S> {
  return (config as unknown as Record<string, z.output<S>>)[module.kind]!;
}

/** A publish target's section (`publish.<name>`), typed by its module. */
export function targetSectionOf<S extends z.ZodType>(config: Config, module: TargetModule<S>): z.output<S> {
  return (config.publish as unknown as Record<string, z.output<S>>)[module.name]!;
}

function examplesOf(modules: Modules): Record<string, string> {
  return Object.assign(
    {
      ...siteExamples,
      ...storeExamples,
      ...ingestExamples,
      ...publishExamples,
      ...mediaExamples,
      ...meshExamples,
      ...moderationExamples,
    },
    ...modules.networks.map((n) => n.examples ?? {}),
    ...modules.targets.map((t) => t.examples ?? {}),
  );
}

/** Keys people put at the top level that live inside a section. */
const MOVED: Record<string, [path: string, example: string]> = {
  s3: [
    'publish.s3',
    'publish:\n    target: s3\n    s3: { bucket: our-status-site, provider: r2, endpoint: ' +
      'https://<account-id>.r2.cloudflarestorage.com }',
  ],
};

export { DEFAULT_CONFIG_PATH };

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)),
    '',
  );
}

/** Replaces ${NAME} and ${NAME:-fallback} in strings, so secrets can stay in the environment. */
export function substituteEnv(value: unknown, env: NodeJS.ProcessEnv, path: PropertyKey[] = []): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_, name: string, fallback?: string) => {
      const v = env[name] ?? fallback;
      if (v === undefined)
        throw new ConfigError(
          formatPath(path),
          `environment variable ${name} is not set`,
          `export ${name}=…  (or write \${${name}:-default})`,
        );
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => substituteEnv(v, env, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteEnv(v, env, [...path, k])]));
  }
  return value;
}

/** Keys that name files or folders: written relative, they mean relative to the config file's folder. */
function pathKeys(modules: Modules): string[][] {
  return [
    ['site', 'outputDir'],
    ['site', 'templatesDir'],
    ['store', 'path'],
    ...modules.networks.flatMap((n) => (n.paths ?? []).map((p) => [n.kind, ...p.split('.')])),
    ...modules.targets.flatMap((t) => (t.paths ?? []).map((p) => ['publish', t.name, ...p.split('.')])),
  ];
}

function resolvePaths(input: unknown, baseDir: string, modules: Modules): void {
  const visit = (node: unknown, keys: readonly string[]): void => {
    if (!node || typeof node !== 'object') return;
    const [key, ...rest] = keys;
    if (key === '*') {
      if (Array.isArray(node)) for (const n of node) visit(n, rest);
      return;
    }
    const obj = node as Record<string, unknown>;
    if (!rest.length) {
      const v = obj[key!];
      if (typeof v === 'string' && v !== '' && !isAbsolute(v)) obj[key!] = join(baseDir, v);
      return;
    }
    visit(obj[key!], rest);
  };
  for (const keys of pathKeys(modules)) visit(input, keys);
}

export function parseConfig(
  raw: unknown,
  env: NodeJS.ProcessEnv = process.env,
  locate: Locate = () => undefined,
  baseDir?: string,
  modules: Modules = BUILTIN,
): Config {
  const input = substituteEnv(raw ?? {}, env);
  if (baseDir !== undefined) resolvePaths(input, baseDir, modules);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ConfigError('', 'the file must be a mapping of sections', 'site:\n    title: Our status page');
  }
  for (const key of Object.keys(input)) {
    if (key in MOVED) throw new ConfigError(key, `these settings go under ${MOVED[key]![0]}`, MOVED[key]![1]);
  }
  const schema = configSchema(modules);
  // Parsed once a process: zod's compiled fast path costs more to build (a new Function per object) than it saves.
  const result = schema.safeParse(input, { jitless: true });
  if (result.success) return { ...(result.data as CoreConfig), modules };
  const problems = result.error.issues.flatMap((issue) => explain(issue, locate, schema, examplesOf(modules)));
  if (problems.length === 1) throw problems[0]!;
  // Every problem at once, so one edit fixes them all.
  const list = problems.map((p) => `  - ${p.message.replace(/^config /, '').replace(/\n/g, '\n    ')}`).join('\n');
  throw new ConfigError('', `${problems.length} problems:\n${list}`);
}

function explain(
  issue: z.core.$ZodIssue,
  locate: Locate,
  schema: z.ZodType,
  examples: Record<string, string>,
): ConfigError[] {
  const example = (path: string) => examples[path] ?? examples[path.replace(/\[\d+\]/g, '[0]')];
  const at = (path: readonly PropertyKey[]) => ((line) => (line ? ` (line ${line})` : ''))(locate(path));
  if (issue.code !== 'unrecognized_keys') {
    const path = formatPath(issue.path);
    return [new ConfigError(path, `${issue.message}${at(issue.path)}`, example(path))];
  }
  const known = keysAt(schema, issue.path);
  return issue.keys.map((key) => {
    const full = [...issue.path, key];
    const near = nearest(key, known);
    const hint = near
      ? `; did you mean ${formatPath([...issue.path, near])}?`
      : issue.path.length
        ? `; known keys here: ${known.join(', ')}`
        : ` (known sections: ${known.join(', ')})`;
    return new ConfigError(
      formatPath(full),
      `unknown key${at(full)}${hint}`,
      near ? example(formatPath([...issue.path, near])) : undefined,
    );
  });
}

/** The config file's folder as messages show it: relative to where Meshline runs when that is shorter. */
function relativeBase(base: string): string {
  const rel = relative(resolve('.'), base);
  return rel && !rel.startsWith('..') ? rel : base;
}

/** The `plugins:` list as written, before the rest is checked (which needs what the plugins bring). */
function pluginList(raw: unknown, env: NodeJS.ProcessEnv): string[] {
  const list = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).plugins : undefined;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list) || list.some((p) => typeof p !== 'string' || !p))
    throw new ConfigError(
      'plugins',
      'a list of npm package names or paths',
      'plugins: [meshline-webhook, ./my-plugin]',
    );
  return substituteEnv(list, env, ['plugins']) as string[];
}

/** Reads the config file and loads its plugins; with no file, the embedded defaults. */
export async function loadConfig(
  file: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ config: Config; source: string }> {
  const path = file ?? env.MESHLINE_CONFIG ?? DEFAULT_CONFIG_PATH;
  if (!existsSync(path)) {
    if (file) throw new ConfigError('', `config file ${file} does not exist`, 'meshline init --config ' + file);
    return { config: parseConfig({}, env), source: 'built-in defaults' };
  }
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(path, 'utf8'), { prettyErrors: true, lineCounter: lines });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new ConfigError(
      '',
      `${path} is not valid YAML: ${e.message.split('\n')[0]}`,
      'key: value, indented with spaces',
    );
  }
  const locate: Locate = (p) => {
    // The key's own line where there is one (an unknown key), else the value's.
    const parent = doc.getIn(p.slice(0, -1), true) as
      | { items?: { key?: { value?: unknown; range?: number[] } }[] }
      | undefined;
    const pair = parent?.items?.find((i) => i.key?.value === p.at(-1));
    const node = pair?.key ?? (doc.getIn(p, true) as { range?: number[] } | undefined);
    return node?.range ? lines.linePos(node.range[0]!).line : undefined;
  };
  // Paths in the file mean where the file is, wherever Meshline is started from.
  const base = dirname(resolve(path));
  const raw = doc.toJS() as unknown;
  const plugins = pluginList(raw, env);
  const modules = plugins.length ? await loadPlugins(plugins, base, BUILTIN) : BUILTIN;
  return {
    config: parseConfig(raw, env, locate, base === resolve('.') ? undefined : relativeBase(base), modules),
    source: path,
  };
}
