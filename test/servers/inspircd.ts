// Starts Debian's inspircd on 127.0.0.1 with the config beside this file, for tests that need a real IRC server.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BINARY = '/usr/sbin/inspircd';

export interface RunningServer { port: number; stop(): Promise<void>; restart(): Promise<void>; log(): string }

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = connect(port, '127.0.0.1');
    c.once('connect', () => { c.destroy(); resolve(true); });
    c.once('error', () => resolve(false));
  });
}

/** A missing server is an error, never a skip: test/setup.sh installs it. */
export async function startInspircd(): Promise<RunningServer> {
  if (!existsSync(BINARY)) throw new Error(`${BINARY} is missing: run test/setup.sh (it installs Debian's inspircd)`);
  const dir = mkdtempSync(join(tmpdir(), 'meshline-inspircd-'));
  const port = await freePort();
  const conf = readFileSync(new URL('./inspircd.conf', import.meta.url), 'utf8').replaceAll('@PORT@', String(port)).replaceAll('@DIR@', dir);
  writeFileSync(join(dir, 'inspircd.conf'), conf);
  const args = [`--config=${join(dir, 'inspircd.conf')}`, '--nofork', '--nopid'];
  if (process.getuid?.() === 0) args.push('--runasroot');
  let output = '';
  let child: ChildProcess;
  let exited: Promise<void>;
  const launch = async () => {
    child = spawn(BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (b) => (output += b));
    child.stderr!.on('data', (b) => (output += b));
    exited = new Promise<void>((r) => child.once('exit', () => r()));
    for (let i = 0; i < 200 && !(await accepts(port)); i++) {
      if (child.exitCode !== null) throw new Error(`inspircd exited: ${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const halt = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  await launch();
  return {
    port,
    log: () => output,
    stop: async () => {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await halt();
      await launch();
    },
  };
}
