// Starts Debian's inspircd or ngircd on 127.0.0.1 with the config beside this file, for tests that need a real IRC
// server; with `services`, Debian's atheme-services is linked to inspircd for accounts (NickServ, SASL PLAIN).
import { spawn, type ChildProcess } from 'node:child_process';
import { makeCertificates } from './certs.ts';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SERVERS = {
  inspircd: {
    binary: '/usr/sbin/inspircd',
    conf: 'inspircd.conf',
    args: (conf: string) => [
      `--config=${conf}`,
      '--nofork',
      '--nopid',
      ...(process.getuid?.() === 0 ? ['--runasroot'] : []),
    ],
  },
  // As root ngircd drops to "nobody", so its config must be readable by all (mkdtemp makes the folder 0700).
  ngircd: { binary: '/usr/sbin/ngircd', conf: 'ngircd.conf', args: (conf: string) => ['--nodaemon', '--config', conf] },
} as const;

export interface RunningServer {
  port: number;
  /** inspircd only: a TLS port whose certificate is signed by the CA in `caFile`. */
  tlsPort?: number;
  caFile?: string;
  stop(): Promise<void>;
  restart(): Promise<void>;
  log(): string;
}

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
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

export const startInspircd = (opts: { services?: boolean } = {}) => startIrcServer('inspircd', opts);

const ATHEME = '/usr/bin/atheme-services';
const template = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');

/** A missing server is an error, never a skip: test/setup.sh installs it. */
export async function startIrcServer(
  kind: keyof typeof SERVERS,
  opts: { services?: boolean } = {},
): Promise<RunningServer> {
  const spec = SERVERS[kind];
  const BINARY = spec.binary;
  if (!existsSync(BINARY)) throw new Error(`${BINARY} is missing: run test/setup.sh (it installs Debian's ${kind})`);
  if (opts.services && kind !== 'inspircd') throw new Error('services are linked to inspircd only');
  if (opts.services && !existsSync(ATHEME))
    throw new Error(`${ATHEME} is missing: run test/setup.sh (it installs Debian's atheme-services)`);
  const dir = mkdtempSync(join(tmpdir(), `meshline-${kind}-`));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const tlsPort = await freePort();
  const linkPort = await freePort();
  const caFile = kind === 'inspircd' ? makeCertificates(dir) : undefined;
  const conf = (template(spec.conf) + (opts.services ? template('inspircd-services.conf') : ''))
    .replaceAll('@PORT@', String(port))
    .replaceAll('@TLSPORT@', String(tlsPort))
    .replaceAll('@DIR@', dir)
    .replaceAll('@LINKPORT@', String(linkPort));
  writeFileSync(join(dir, spec.conf), conf, { mode: 0o644 });
  const args = spec.args(join(dir, spec.conf));
  let output = '';
  let child: ChildProcess;
  let exited: Promise<void>;
  const launch = async () => {
    // In its own folder: inspircd can leave a core file behind when stopped.
    child = spawn(BINARY, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (b) => (output += b));
    child.stderr!.on('data', (b) => (output += b));
    exited = new Promise<void>((r) => child.once('exit', () => r()));
    for (let i = 0; i < 200 && !(await accepts(port)); i++) {
      if (child.exitCode !== null) throw new Error(`${kind} exited: ${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const halt = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  await launch();
  const services = opts.services ? await startAtheme(dir, linkPort) : undefined;
  return {
    port,
    ...(caFile ? { tlsPort, caFile } : {}),
    log: () => output + (services?.log() ?? ''),
    stop: async () => {
      await services?.stop();
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await halt();
      await launch();
    },
  };
}

/** atheme connects to inspircd's server port; it is ready once it has finished its first burst. */
async function startAtheme(dir: string, linkPort: number): Promise<{ stop(): Promise<void>; log(): string }> {
  writeFileSync(join(dir, 'atheme.conf'), template('atheme.conf').replaceAll('@LINKPORT@', String(linkPort)));
  const child = spawn(
    ATHEME,
    ['-n', '-c', join(dir, 'atheme.conf'), '-D', dir, '-l', join(dir, 'atheme.log'), '-p', join(dir, 'atheme.pid')],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (b) => (output += b));
  child.stderr!.on('data', (b) => (output += b));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  for (let i = 0; !output.includes('finished synching with uplink'); i++) {
    if (child.exitCode !== null) throw new Error(`atheme-services exited: ${output}`);
    if (i > 200) {
      child.kill();
      throw new Error(`atheme-services did not link to inspircd in 10 s: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    log: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
