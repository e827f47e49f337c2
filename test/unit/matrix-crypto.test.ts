// matrix-bot-sdk installs and loads here, where its native encryption library cannot be downloaded; the stand-in
// says so when encryption is asked for, and hands over to a real library when one is installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers.ts';

test('matrix-bot-sdk loads without the native crypto library, and using encryption says why it cannot', async () => {
  const sdk = await import('matrix-bot-sdk');
  assert.equal(typeof sdk.MatrixClient, 'function');
  const crypto = (await import('@matrix-org/matrix-sdk-crypto-nodejs')).default;
  assert.equal(crypto.available, false);
  const OlmMachine = crypto.OlmMachine as new () => unknown;
  assert.throws(
    () => new OlmMachine(),
    /end-to-end encryption is unavailable: the native @matrix-org\/matrix-sdk-crypto-nodejs library is not installed/,
  );
});

test('with MESHLINE_MATRIX_CRYPTO set, the installed library is used instead', () => {
  const dir = tempDir();
  const fake = join(dir, 'real-crypto.cjs');
  writeFileSync(fake, 'module.exports = { available: true, OlmMachine: class {} };');
  const r = spawnSync(
    process.execPath,
    ['-e', "const c = require('@matrix-org/matrix-sdk-crypto-nodejs'); new c.OlmMachine(); console.log(c.available)"],
    {
      cwd: process.cwd(),
      encoding: 'utf8',
      env: { ...process.env, MESHLINE_MATRIX_CRYPTO: fake },
    },
  );
  assert.equal(r.stdout.trim(), 'true', r.stderr);
});

test("encryption: auto works without the library; off never loads it; required won't start and says why", async () => {
  const { cryptoStoreFor, cryptoSupport } = await import('../../adapters/matrix/crypto.ts');
  const base = {
    name: 'm',
    homeserver: 'https://hs.example',
    accessToken: 't',
    invites: 'anyone' as const,
    allow: [],
    rooms: [],
    presencePollSeconds: 120,
    cryptoDir: join(tempDir(), 'crypto'),
  };
  assert.equal(cryptoSupport().available, false);
  assert.equal(cryptoStoreFor({ ...base, encryption: 'auto' }), undefined);
  assert.equal(cryptoStoreFor({ ...base, encryption: 'off' }, { available: true, detail: '' }), undefined);
  assert.throws(
    () => cryptoStoreFor({ ...base, encryption: 'required' }),
    /m: matrix.accounts\[\]\.encryption is "required" but end-to-end encryption is unavailable/,
  );
  assert.ok(
    cryptoStoreFor({ ...base, encryption: 'auto' }, { available: true, detail: '' }),
    'a store when the library is there',
  );
});
