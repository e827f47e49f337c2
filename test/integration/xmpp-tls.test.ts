// XMPP connections must be encrypted and verified: a server without TLS, or with a certificate nobody vouches for,
// is refused (unless the operator allows plaintext for a trusted local server); a hung server is noticed by pings.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startProsody } from '../servers/xmpp-server.ts';
import { tempDir } from '../helpers.ts';

const plain = await startProsody({ plaintext: true });
after(() => plain.stop());

function doctor(dir: string, accounts: unknown[], env: NodeJS.ProcessEnv = process.env) {
  writeFileSync(join(dir, 'meshline.yaml'), JSON.stringify({ preview: { enabled: false }, xmpp: { accounts } }));
  return spawnSync(process.execPath, [join(process.cwd(), 'bin/meshline.js'), 'doctor'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...env, MESHLINE_LOG: 'warn' },
  });
}

test('XMPP without TLS is refused unless allowPlaintext; Meshline does not stay logged in over it', async () => {
  plain.register('meshline', 'meshline-pw');
  const dir = tempDir();
  const account = {
    name: 'plain',
    jid: 'meshline@localhost',
    password: 'meshline-pw',
    service: `xmpp://127.0.0.1:${plain.port}`,
  };
  const refused = doctor(dir, [account]);
  assert.equal(refused.status, 1);
  assert.match(
    refused.stdout,
    /FAIL xmpp:plain\s+logged in as meshline@localhost WITHOUT TLS; Meshline will refuse this connection/,
  );
  const allowed = doctor(dir, [{ ...account, allowPlaintext: true }]);
  assert.equal(allowed.status, 0, allowed.stdout);
  assert.match(allowed.stdout, /ok\s+xmpp:plain\s+logged in as meshline@localhost \(no TLS, allowed\)/);

  const { PassThrough } = await import('node:stream');
  const { Runtime } = await import('../../src/app/runtime.ts');
  const { testApp } = await import('../helpers.ts');
  const app = await testApp(tempDir(), { console: { enabled: false }, xmpp: { accounts: [account] } });
  const runtime = new Runtime(app, { input: new PassThrough(), output: new PassThrough(), quit: () => undefined });
  try {
    await runtime.start();
    await new Promise((r) => setTimeout(r, 3000));
    assert.equal(runtime.statuses()[0]!.connected, false, 'logged out again at once');
    assert.match(runtime.statuses()[0]!.detail, /refused: the connection is not encrypted/);
  } finally {
    await runtime.stop();
  }
});

test('XMPP with a certificate from an unknown CA is refused; caFile in the config trusts it', async () => {
  const tls = await startProsody();
  try {
    tls.register('meshline', 'meshline-pw');
    const { NODE_EXTRA_CA_CERTS: _, ...env } = process.env;
    const r = doctor(
      tempDir(),
      [{ name: 'tls', jid: 'meshline@localhost', password: 'meshline-pw', service: `xmpp://127.0.0.1:${tls.port}` }],
      env,
    );
    assert.equal(r.status, 1);
    assert.match(r.stdout, /FAIL xmpp:tls\s+cannot log in as meshline@localhost: .*(certificate|self-signed|verify)/i);
    // The same server, its CA given in the config instead of the environment.
    const withCa = doctor(
      tempDir(),
      [
        {
          name: 'tls',
          jid: 'meshline@localhost',
          password: 'meshline-pw',
          service: `xmpp://127.0.0.1:${tls.port}`,
          caFile: tls.caFile,
        },
      ],
      env,
    );
    assert.equal(withCa.status, 0, withCa.stdout);
    assert.match(withCa.stdout, /ok\s+xmpp:tls\s+logged in as meshline@localhost \(TLS\)/);
  } finally {
    await tls.stop();
  }
});

test('XMPP: a server that hangs is noticed by the pings, and Meshline reconnects when it answers again', async () => {
  const { xmppSite, until } = await import('../servers/xmpp-clients.ts');
  const hung = await startProsody();
  const { runtime } = await xmppSite(hung, { pingSeconds: 5 });
  try {
    hung.pause();
    await until('the dead connection noticed', () => !runtime.statuses()[0]!.connected || undefined, 20_000);
    hung.resume();
    await until('Meshline back on XMPP', () => runtime.statuses()[0]!.connected || undefined, 20_000);
  } finally {
    hung.resume();
    await runtime.stop();
    await hung.stop();
  }
});
