// Server certificates for the test servers (127.0.0.1 and localhost), signed by the throwaway CA that
// test/setup.sh makes in .tmp/test-ca and `npm test` trusts through NODE_EXTRA_CA_CERTS.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const TEST_CA = resolve(import.meta.dirname, '..', '..', '.tmp', 'test-ca', 'ca.pem');

/** True when this process trusts the test CA (Node reads NODE_EXTRA_CA_CERTS only at start). */
export const trustsTestCa = () =>
  process.env.NODE_EXTRA_CA_CERTS !== undefined && resolve(process.env.NODE_EXTRA_CA_CERTS) === TEST_CA;

/** Writes server.pem and server.key into `dir`, and returns the CA's path. */
export function makeCertificates(dir: string): string {
  if (!existsSync(TEST_CA)) throw new Error(`${TEST_CA} is missing: run test/setup.sh (npm test does)`);
  const run = (...args: string[]) => {
    const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr}`);
  };
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  run(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    TEST_CA,
    '-CAkey',
    TEST_CA.replace(/ca\.pem$/, 'ca.key'),
    '-CAcreateserial',
    '-CAserial',
    join(dir, 'ca.srl'),
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'ext.cnf',
  );
  return TEST_CA;
}
