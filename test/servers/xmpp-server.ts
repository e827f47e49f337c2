// Starts Debian's prosody on 127.0.0.1 with the config beside this file (MUC with muc_mam), for XMPP tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCertificates, trustsTestCa } from './certs.ts';
import { freePort } from './irc-servers.ts';

const PROSODY = '/usr/bin/prosody';
const PROSODYCTL = '/usr/bin/prosodyctl';

export interface RunningProsody {
  port: number;
  domain: 'localhost';
  muc: 'conference.localhost';
  /** The CA that signed the server's certificate; clients get it through NODE_EXTRA_CA_CERTS. */
  caFile: string;
  register(user: string, password: string): void;
  restart(): Promise<void>;
  /** SIGSTOP / SIGCONT: a server that hangs without closing its connections. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
  log(): string;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const c = connect(port, '127.0.0.1');
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });

/** A missing server is an error, never a skip: test/setup.sh installs it. */
/** With `plaintext`, the server offers no TLS at all (to test that Meshline refuses such a connection). */
export async function startProsody(opts: { plaintext?: boolean } = {}): Promise<RunningProsody> {
  if (!existsSync(PROSODY)) throw new Error(`${PROSODY} is missing: run test/setup.sh (it installs Debian's prosody)`);
  const dir = mkdtempSync(join(tmpdir(), 'meshline-prosody-'));
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'data'));
  const caFile = makeCertificates(dir);
  if (!trustsTestCa())
    throw new Error(
      `this process does not trust the test CA: run the tests with npm test, or set NODE_EXTRA_CA_CERTS=${caFile}`,
    );
  const port = await freePort();
  const conf = join(dir, 'prosody.cfg.lua');
  let text = readFileSync(new URL('./prosody.cfg.lua', import.meta.url), 'utf8')
    .replaceAll('@PORT@', String(port))
    .replaceAll('@DIR@', dir);
  if (opts.plaintext)
    text = text.replace('"tls"; ', '').replace('c2s_require_encryption = true', 'c2s_require_encryption = false');
  writeFileSync(conf, text);
  let child: ChildProcess;
  let exited: Promise<void>;
  let output = '';
  const launch = async () => {
    child = spawn(PROSODY, ['-F', '--config', conf], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (b) => (output += b));
    child.stderr!.on('data', (b) => (output += b));
    exited = new Promise<void>((r) => child.once('exit', () => r()));
    for (let i = 0; !(await accepts(port)); i++) {
      if (child.exitCode !== null) throw new Error(`prosody exited: ${output}`);
      if (i > 200) throw new Error(`prosody did not listen in 10 s: ${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  // Prosody takes a while to exit; its port is free only once it has.
  const halt = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  await launch();
  return {
    port,
    domain: 'localhost',
    muc: 'conference.localhost',
    caFile,
    register(user, password) {
      const r = spawnSync(PROSODYCTL, ['--config', conf, 'register', user, 'localhost', password], {
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(`prosodyctl register ${user} failed: ${r.stdout}${r.stderr}`);
    },
    restart: async () => {
      await halt();
      await launch();
    },
    pause: () => {
      child.kill('SIGSTOP');
    },
    resume: () => {
      child.kill('SIGCONT');
    },
    stop: async () => {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
    log: () => output + (existsSync(join(dir, 'prosody.log')) ? readFileSync(join(dir, 'prosody.log'), 'utf8') : ''),
  };
}
