// Shared test helpers: temp folders, event builders, an app on a temp database.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join, relative, resolve } from 'node:path';
import { after } from 'node:test';
import { parseConfig, type Config } from '../src/config/index.ts';
import type { ChatEvent, Presence } from '../src/core/types.ts';
import { openApp, type AppContext } from '../src/app/context.ts';
import { setLogLevel } from '../src/log.ts';
import { contentHash } from '../src/site/writer.ts';

setLogLevel((process.env.MESHLINE_LOG as 'debug') ?? 'warn');

export function tempDir(prefix = 'meshline-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function testConfig(dir: string, extra: Record<string, unknown> = {}): Config {
  const { site, ...rest } = extra as { site?: Record<string, unknown> };
  return parseConfig(
    {
      site: { outputDir: join(dir, 'output'), url: 'https://status.example.org/', ...(site ?? {}) },
      store: { path: join(dir, 'meshline.db') },
      preview: { enabled: false },
      ingest: { statusDebounceSeconds: 0, renderDelayMs: 0 },
      ...rest,
    },
    {},
  );
}

export async function testApp(dir = tempDir(), extra: Record<string, unknown> = {}): Promise<AppContext> {
  const app = await openApp(testConfig(dir, extra));
  after(async () => {
    await app.close().catch(() => undefined);
    // Every page the test rendered came from the compiled templates, the workers' included (issue 18: a fallback to
    // nunjucks gives the same bytes, so only this shows it).
    assert.deepEqual(app.fellBack(), [], 'templates whose compiled code failed');
  });
  return app;
}

let clock = Date.UTC(2026, 0, 1, 12, 0, 0);
export const tick = (ms = 1000) => (clock += ms);

type Who = { id: string; display?: string; verified?: boolean; network?: string };
const base = (who: Who, at: number) => ({
  network: who.network ?? 'test',
  account: 'bot',
  at,
  sender: { id: who.id, display: who.display ?? who.id, verified: who.verified ?? true },
});

export const ev = {
  /** Opting in: `join` by direct message. */
  join: (who: Who): ChatEvent => ({ ...base(who, tick()), kind: 'direct', text: 'join' }),
  /** Friending the bot (a roster subscription): on its own, no longer an opt-in. */
  friend: (who: Who): ChatEvent => ({ ...base(who, tick()), kind: 'subscription', state: 'subscribe' }),
  dm: (who: Who, text: string, msgId?: string): ChatEvent => ({
    ...base(who, tick()),
    kind: 'direct',
    text,
    ...(msgId ? { msgId } : {}),
  }),
  status: (who: Who, text: string, presence: Presence = 'available', at = tick()): ChatEvent => ({
    ...base(who, at),
    kind: 'status',
    presence,
    text,
  }),
  say: (who: Who, room: string, text: string, msgId?: string): ChatEvent => ({
    ...base(who, tick()),
    kind: 'message',
    room: { id: room },
    text,
    ...(msgId ? { msgId } : {}),
  }),
  edit: (who: Who, target: string, text: string, msgId?: string): ChatEvent => ({
    ...base(who, tick()),
    kind: 'edit',
    target,
    text,
    ...(msgId ? { msgId } : {}),
  }),
  retract: (who: Who, target: string): ChatEvent => ({ ...base(who, tick()), kind: 'retraction', target }),
  react: (who: Who, target: string, key: string): ChatEvent => ({
    ...base(who, tick()),
    kind: 'reaction',
    target,
    key,
  }),
};

/** Every file under a folder (temporary files aside) with the hash of its bytes. */
export function snapshotDir(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!e.name.endsWith('.tmp')) out.set(relative(dir, p), contentHash(readFileSync(p)));
    }
  };
  walk(dir);
  return out;
}

/** Polls until fn gives a truthy value; fails with what it waited for. */
export async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A 1×1 PNG, for media tests. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Every file under `dir`: its path and its bytes, as text to search. */
export function treeText(dir: string): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((e) => join(dir, e.name))
    .map((p) => (statSync(p).isDirectory() ? treeText(p) : `${p}\n${readFileSync(p).toString('latin1')}`))
    .join('\n');
}

/** Asserts no secret is in `text` as it could appear: as is, JSON- or URL-escaped, in base64 at any alignment. */
export function assertNowhere(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    const b64 = [0, 1, 2].map((pad) =>
      Buffer.from('x'.repeat(pad) + secret)
        .toString('base64')
        .slice(4, -4),
    );
    // Sealed files are base64 too: four characters can turn up in a few hundred kilobytes of ciphertext by chance (a
    // CI run failed so: "filler" as bGxl), six about once in sixty-eight billion places.
    const forms = [
      ...[secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)].filter((f) => f.length >= 4),
      ...b64.filter((f) => f.length >= 6),
    ];
    for (const form of forms) assert.ok(!text.includes(form), `${secret} as ${form}`);
  }
}

/** The compiled `meshline` command, run as a user runs it in `cwd`: its exit code and what it printed. */
export function meshline(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [resolve('bin/meshline.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, MESHLINE_LOG: 'warn' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
