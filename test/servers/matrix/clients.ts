// Matrix people for tests (matrix-bot-sdk clients of their own), and a Meshline site syncing from the test homeserver.
import { after } from 'node:test';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  LogLevel,
  LogService,
  MatrixClient,
  MemoryStorageProvider,
  RustSdkCryptoStorageProvider,
} from 'matrix-bot-sdk';
import { Runtime } from '../../../src/app/runtime.ts';
import { queryKeysBeforeClaiming } from '../../../adapters/matrix/crypto.ts';
import { tempDir, testApp, until } from '../../helpers.ts';
import type { TestHomeserver } from './homeserver.ts';

LogService.setLevel(LogLevel.ERROR);

const cryptoRoot = mkdtempSync(join(tmpdir(), 'meshline-matrix-crypto-'));
after(() => rmSync(cryptoRoot, { recursive: true, force: true }));

export type Person = MatrixClient & { mxid: string; notices: string[] };

/** A person with a client; `notices` collects what the bot says to them. `encrypted`: their client does E2EE. */
export async function matrixPerson(
  server: TestHomeserver,
  localpart: string,
  display = localpart,
  encrypted = false,
): Promise<Person> {
  const user = server.hs.users.get(`@${localpart}:${server.hs.domain}`) ?? server.hs.addUser(localpart, display);
  // Store type 1 is the crypto library's SQLite store. The SDK writes to it from listeners it does not await, so
  // it is removed only when the whole file is done.
  const cryptoStore = encrypted ? new RustSdkCryptoStorageProvider(mkdtempSync(join(cryptoRoot, 'p-')), 1) : undefined;
  const c = Object.assign(new MatrixClient(server.url, user.token, new MemoryStorageProvider(), cryptoStore), {
    mxid: user.id,
    notices: [] as string[],
  });
  c.on('room.message', (_roomId: string, ev: { sender: string; content: { msgtype?: string; body?: string } }) => {
    if (ev.sender === BOT && ev.content.msgtype === 'm.notice') c.notices.push(ev.content.body ?? '');
  });
  await c.start();
  // Their client gets the same fix as Meshline's, so a test waits for neither (see queryKeysBeforeClaiming).
  queryKeysBeforeClaiming(c);
  return c;
}

export const BOT = '@meshline:localhost';

export async function matrixSite(server: TestHomeserver, extra: Record<string, unknown> = {}, dir = tempDir()) {
  const bot = server.hs.users.get(BOT) ?? server.hs.addUser('meshline', 'Meshline');
  const app = await testApp(dir, {
    console: { enabled: false },
    media: { allowPrivateAddresses: true },
    matrix: {
      accounts: [{ name: 'matrix', homeserver: server.url, accessToken: bot.token, presencePollSeconds: 5, ...extra }],
    },
  });
  const runtime = new Runtime(app, { input: new PassThrough(), output: new PassThrough(), quit: () => undefined });
  await runtime.start();
  await until('Meshline on Matrix', () => runtime.statuses().find((s) => s.network === 'matrix')?.connected);
  return { dir, app, runtime };
}

/** A direct chat with the bot, opted in by sending it "join". */
export async function optedIn(server: TestHomeserver, p: Person): Promise<string> {
  const dm = await p.createRoom({ invite: [BOT], is_direct: true, preset: 'trusted_private_chat' });
  await until(`the bot in ${p.mxid}'s DM`, () => server.hs.rooms.get(dm)?.members.get(BOT) === 'join' || undefined);
  // Issue 11: friending the bot explains what opting in means; only "join" opts in.
  await until(`${p.mxid}'s hello`, () => p.notices.find((n) => n.startsWith('Hello! I am Meshline')));
  await p.sendText(dm, 'join');
  await until(`${p.mxid}'s welcome`, () => p.notices.find((n) => n.startsWith('Welcome')));
  return dm;
}

/** `meshline doctor` in `dir`, as a child (async: the test homeserver runs in this process). */
export function doctorIn(dir: string): Promise<{ status: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(process.cwd(), 'bin/meshline.js'), 'doctor'],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, MESHLINE_LOG: 'warn' } },
      (err, stdout) => resolve({ status: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout }),
    );
  });
}

export { until };
