// `meshline doctor`: checks what can be checked without changing anything, one line each.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { targetSectionOf, type Config } from '../config/index.ts';
import { ConfigError, errorMessage } from '../core/errors.ts';
import { Db } from '../store/db.ts';
import { MIGRATIONS } from '../store/migrations.ts';
import { listSources } from '../store/sources.ts';
import { sourceLine } from './mesh.ts';
import { chosenTarget, openPages } from '../app/context.ts';
import { TEMPLATES } from '../render/pages.ts';
import { activeNetworks, probeNetworks } from '../app/adapters.ts';
import type { Check } from '../core/network.ts';
import { SiteIdentity, siteKeyPath } from '../mesh/identity.ts';

export type { Check } from '../core/network.ts';

function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

/** A value an adapter kept in the store (a token from a password login), if the database is there. */
async function storedSetting(config: Config, key: string): Promise<string | undefined> {
  if (!existsSync(config.store.path)) return undefined;
  try {
    const db = await Db.openReadOnly(config.store.path);
    try {
      return (await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key]))?.value;
    } finally {
      await db.close();
    }
  } catch {
    return undefined;
  }
}

/** Doctor only looks: the database is read without migrating it, and no folder is created. */
async function checkDatabase(config: Config): Promise<Check[]> {
  const path = config.store.path;
  if (!existsSync(path)) {
    const parent = nearestExisting(dirname(resolve(path)));
    const ok = writable(parent);
    const detail = ok
      ? `${path} does not exist yet; the first run creates it`
      : `${path} cannot be created: ${parent} is not writable`;
    return [{ name: 'database', ok, detail }];
  }
  try {
    const db = await Db.openReadOnly(path);
    try {
      const n = async (sql: string) => (await db.get<{ n: number }>(sql))?.n ?? 0;
      const schema = await n('SELECT max(version) AS n FROM schema_migrations');
      const newest = MIGRATIONS.at(-1)!.version;
      const upgrade = schema < newest ? ` (the next run upgrades it to ${newest})` : '';
      const counts =
        `${await n('SELECT count(*) AS n FROM people')} people, ${await n('SELECT count(*) AS n FROM posts')} posts, ` +
        `${await n('SELECT count(*) AS n FROM manifest')} site files`;
      const waiting = async (kind: string) => n(`SELECT count(*) AS n FROM outbox WHERE kind = '${kind}'`);
      return [
        { name: 'database', ok: true, detail: `${path}: schema ${schema}${upgrade}, ${counts}` },
        {
          name: 'outbox',
          ok: true,
          detail:
            `${await waiting('render')} renders, ${await waiting('dm')} messages, ${await waiting('publish')} ` +
            `uploads waiting`,
        },
      ];
    } finally {
      await db.close();
    }
  } catch (err) {
    return [{ name: 'database', ok: false, detail: `${path}: ${errorMessage(err)}` }];
  }
}

/** Each followed source with its last pull and key, as `meshline following` shows them; a refused one fails. */
async function checkSources(path: string): Promise<Check[]> {
  if (!existsSync(path)) return [];
  try {
    const db = await Db.openReadOnly(path);
    try {
      const has = await db.get<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sources'");
      if (!has?.n) return [];
      return (await listSources(db)).map((s) => ({
        name: 'follows',
        ok: !s.result?.startsWith('refused'),
        detail: sourceLine(s).replace(/\t/g, '  '),
      }));
    } finally {
      await db.close();
    }
  } catch (err) {
    return [{ name: 'follows', ok: false, detail: errorMessage(err) }];
  }
}

function nearestExisting(dir: string): string {
  for (let d = dir; ; d = dirname(d)) if (existsSync(d) || d === dirname(d)) return d;
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The site's mesh key: its fingerprint, for other operators to compare with what they pinned. */
function checkSiteKey(storePath: string): Check {
  const path = siteKeyPath(storePath);
  if (!existsSync(path))
    return { name: 'site key', ok: true, detail: `${path} does not exist yet; the first run makes it` };
  try {
    const id = SiteIdentity.read(path);
    const open = (statSync(path).mode & 0o077) !== 0;
    const detail = `${id.fingerprint} (${path}${open ? ', readable by others: chmod 600 it' : ''})`;
    return { name: 'site key', ok: !open, detail };
  } catch (err) {
    return { name: 'site key', ok: false, detail: errorMessage(err) };
  }
}

function checkOutput(dir: string): Check {
  if (existsSync(dir)) {
    return writable(dir)
      ? { name: 'output', ok: true, detail: `${dir} is writable` }
      : { name: 'output', ok: false, detail: `${dir} is not writable` };
  }
  const parent = nearestExisting(dirname(resolve(dir)));
  return writable(parent)
    ? { name: 'output', ok: true, detail: `${dir} does not exist yet; the first render creates it` }
    : { name: 'output', ok: false, detail: `${dir} cannot be created: ${parent} is not writable` };
}

export async function doctor(config: Config, source: string): Promise<Check[]> {
  const checks: Check[] = [{ name: 'config', ok: true, detail: `loaded from ${source}` }];
  checks.push(...(await checkDatabase(config)));
  checks.push(...(await checkSources(config.store.path)));
  try {
    const pages = openPages(config);
    const theme = config.site.templatesDir;
    const own = theme ? TEMPLATES.filter((f) => existsSync(join(theme, f))) : [];
    const detail = theme
      ? `${theme}: ${own.length ? own.join(', ') : 'no template'} of its own, the built-in ones for the rest; ` +
        `${pages.assets.extras().length} assets added; all compile` +
        (pages.slowPath ? `; rendered by nunjucks, more slowly: ${pages.slowPath}` : '')
      : 'the built-in templates compile';
    checks.push({ name: 'templates', ok: true, detail });
  } catch (err) {
    checks.push({ name: 'templates', ok: false, detail: err instanceof ConfigError ? err.problem : errorMessage(err) });
  }
  checks.push(checkOutput(config.site.outputDir));
  checks.push(checkSiteKey(config.store.path));
  if (config.preview.enabled) {
    const free = await portFree(config.preview.host, config.preview.port);
    checks.push({
      name: 'preview',
      ok: free,
      detail: free
        ? `${config.preview.host}:${config.preview.port} is free`
        : `${config.preview.host}:${config.preview.port} is in use (is Meshline already running? set preview.port)`,
    });
  }
  const active = activeNetworks(config);
  checks.push({
    name: 'networks',
    ok: true,
    detail: active.length ? active.map((m) => m.kind).join(', ') : 'none enabled',
  });
  checks.push(...(await probeNetworks(config, (key) => storedSetting(config, key))));
  const target = chosenTarget(config);
  const probe = await target.probe?.(targetSectionOf(config, target), { outputDir: config.site.outputDir });
  if (probe) checks.push(probe);
  return checks;
}
