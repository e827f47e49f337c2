// Typed config: one schema per section (sections/), defaults there and nowhere else.
// Errors name the key path, say what is wrong and show a right value.
import { readFileSync, existsSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../core/errors';
import { consoleExamples, consoleSection } from './sections/console';
import { ircExamples, ircSection } from './sections/irc';
import { xmppExamples, xmppSection } from './sections/xmpp';
import { mediaExamples, mediaSection } from './sections/media';
import { matrixExamples, matrixSection } from './sections/matrix';
import { ingestExamples, ingestSection, scheduleSection } from './sections/ingest';
import { publishExamples, publishSection } from './sections/publish';
import { siteExamples, siteSection } from './sections/site';
import { previewSection, storeExamples, storeSection } from './sections/store';

export const configSchema = z.strictObject({
  site: siteSection,
  store: storeSection,
  preview: previewSection,
  ingest: ingestSection,
  schedule: scheduleSection,
  publish: publishSection,
  media: mediaSection,
  console: consoleSection,
  irc: ircSection,
  xmpp: xmppSection,
  matrix: matrixSection,
});

export type Config = z.infer<typeof configSchema>;

const EXAMPLES: Record<string, string> = { ...siteExamples, ...storeExamples, ...ingestExamples, ...publishExamples, ...consoleExamples, ...ircExamples, ...xmppExamples, ...mediaExamples, ...matrixExamples };

/** Keys people put at the top level that live inside a section. */
const MOVED: Record<string, [path: string, example: string]> = {
  s3: ['publish.s3', 'publish:\n    target: s3\n    s3: { bucket: our-status-site, provider: r2, endpoint: https://<account-id>.r2.cloudflarestorage.com }'],
};

export const DEFAULT_CONFIG_PATH = 'meshline.yaml';

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');
}

/** Replaces ${NAME} and ${NAME:-fallback} in strings, so secrets can stay in the environment. */
export function substituteEnv(value: unknown, env: NodeJS.ProcessEnv, path: PropertyKey[] = []): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_, name: string, fallback?: string) => {
      const v = env[name] ?? fallback;
      if (v === undefined) throw new ConfigError(formatPath(path), `environment variable ${name} is not set`, `export ${name}=…  (or write \${${name}:-default})`);
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => substituteEnv(v, env, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteEnv(v, env, [...path, k])]));
  }
  return value;
}

export function parseConfig(raw: unknown, env: NodeJS.ProcessEnv = process.env): Config {
  const input = substituteEnv(raw ?? {}, env);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ConfigError('', 'the file must be a mapping of sections', 'site:\n    title: Our status page');
  }
  for (const key of Object.keys(input)) {
    if (key in MOVED) throw new ConfigError(key, `these settings go under ${MOVED[key]![0]}`, MOVED[key]![1]);
  }
  const result = configSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  let path = formatPath(issue.path);
  let problem = issue.message;
  if (issue.code === 'unrecognized_keys') {
    path = formatPath([...issue.path, issue.keys[0]!]);
    const known = Object.keys(issue.path.length ? {} : configSchema.shape);
    problem = `unknown key${known.length ? ` (known sections: ${known.join(', ')})` : ''}`;
  }
  throw new ConfigError(path, problem, EXAMPLES[path] ?? EXAMPLES[path.replace(/\[\d+\]/g, '[0]')]);
}

/** Reads the config file; with no file, the embedded defaults. */
export function loadConfig(file: string | undefined, env: NodeJS.ProcessEnv = process.env): { config: Config; source: string } {
  const path = file ?? env.MESHLINE_CONFIG ?? DEFAULT_CONFIG_PATH;
  if (!existsSync(path)) {
    if (file) throw new ConfigError('', `config file ${file} does not exist`, 'meshline init --config ' + file);
    return { config: parseConfig({}, env), source: 'built-in defaults' };
  }
  const doc = parseDocument(readFileSync(path, 'utf8'), { prettyErrors: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new ConfigError('', `${path} is not valid YAML: ${e.message.split('\n')[0]}`, 'key: value, indented with spaces');
  }
  return { config: parseConfig(doc.toJS(), env), source: path };
}
