// `meshline doctor`: checks what can be checked without changing anything, one line each.
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Config } from '../config';
import { errorMessage } from '../core/errors';
import { MIGRATIONS } from '../store/migrations';
import { openApp, PACKAGE_ROOT } from '../app/context';
import { REGISTRY } from '../app/adapters';
import { probeIrc } from '../../adapters/irc/probe';
import { probeXmpp } from '../../adapters/xmpp/probe';
import { probeMatrix } from '../../adapters/matrix/probe';
import { S3Target } from '../publish/s3';
import { s3Settings } from '../publish/providers';

export interface Check { name: string; ok: boolean; detail: string }

function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

/** A value an adapter kept in the store (a token from a password login), if the database is there. */
async function storedSetting(config: Config, key: string): Promise<string | undefined> {
  try {
    const app = await openApp(config);
    try { return await app.store.setting(key); } finally { await app.close(); }
  } catch {
    return undefined;
  }
}

export async function doctor(config: Config, source: string): Promise<Check[]> {
  const checks: Check[] = [{ name: 'config', ok: true, detail: `loaded from ${source}` }];
  try {
    const app = await openApp(config);
    const c = await app.store.counts();
    checks.push({ name: 'database', ok: true, detail: `${config.store.path}: schema ${MIGRATIONS.length}, ${c.people} people, ${c.posts} posts, ${c.files} site files` });
    const backlog = { render: await app.store.outboxCount('render'), dm: await app.store.outboxCount('dm'), publish: await app.store.outboxCount('publish') };
    checks.push({ name: 'outbox', ok: true, detail: `${backlog.render} renders, ${backlog.dm} messages, ${backlog.publish} uploads waiting` });
    await app.close();
  } catch (err) {
    checks.push({ name: 'database', ok: false, detail: errorMessage(err) });
  }
  const templates = config.site.templatesDir ?? join(PACKAGE_ROOT, 'templates');
  const have = ['base.njk', 'timeline.njk', 'post.njk', 'list.njk', 'assets/style.css'].filter((f) => !existsSync(join(templates, f)));
  checks.push({ name: 'templates', ok: have.length === 0, detail: have.length ? `missing in ${templates}: ${have.join(', ')}` : templates });
  try {
    mkdirSync(config.site.outputDir, { recursive: true });
    accessSync(config.site.outputDir, constants.W_OK);
    checks.push({ name: 'output', ok: true, detail: `${config.site.outputDir} is writable` });
  } catch (err) {
    checks.push({ name: 'output', ok: false, detail: errorMessage(err) });
  }
  if (config.preview.enabled) {
    const free = await portFree(config.preview.host, config.preview.port);
    checks.push({ name: 'preview', ok: free, detail: free ? `${config.preview.host}:${config.preview.port} is free` : `${config.preview.host}:${config.preview.port} is in use (is Meshline already running? set preview.port)` });
  }
  const kinds = Object.keys(REGISTRY).filter((k) => (k === 'console' ? config.console.enabled !== false : k === 'irc' ? config.irc.networks.length > 0 : k === 'xmpp' ? config.xmpp.accounts.length > 0 : k === 'matrix' ? config.matrix.accounts.length > 0 : false));
  checks.push({ name: 'networks', ok: true, detail: kinds.length ? kinds.join(', ') : 'none enabled' });
  for (const a of config.matrix.accounts) {
    const token = a.accessToken ?? (await storedSetting(config, `adapter:${a.name}:accessToken`));
    const p = await probeMatrix(a, token);
    checks.push({ name: `matrix:${a.name}`, ok: p.ok, detail: p.detail });
  }
  for (const a of config.xmpp.accounts) {
    const p = await probeXmpp(a);
    checks.push({ name: `xmpp:${a.name}`, ok: p.ok, detail: p.detail });
  }
  for (const n of config.irc.networks) {
    const p = await probeIrc(n);
    checks.push({ name: `irc:${n.name}`, ok: p.ok, detail: p.detail });
  }
  if (config.publish.target === 's3') {
    const target = new S3Target(config.site.outputDir, config.publish.s3);
    try {
      await target.check();
      const s = s3Settings(config.publish.s3);
      checks.push({ name: 'publish', ok: true, detail: `${target.name} is reachable (${config.publish.s3.provider}, ${s.endpoint ?? 'AWS'}, region ${s.region})` });
    } catch (err) {
      checks.push({ name: 'publish', ok: false, detail: `${target.name}: ${errorMessage(err)}` });
    } finally {
      target.close();
    }
  } else if (config.publish.local.dir) {
    checks.push({ name: 'publish', ok: true, detail: `mirrors the site into ${config.publish.local.dir}` });
  }
  return checks;
}
