import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, parseConfig, sectionOf, substituteEnv } from '../../src/config/index.ts';
import { consoleNetwork } from '../../adapters/console/module.ts';
import { ircNetwork } from '../../adapters/irc/module.ts';
import { ConfigError } from '../../src/core/errors.ts';

test('no config means the embedded defaults', () => {
  const c = parseConfig({}, {});
  assert.equal(c.store.path, 'data/meshline.db');
  assert.equal(c.site.outputDir, 'output');
  assert.equal(c.preview.port, 8080);
  assert.equal(c.site.url, 'http://127.0.0.1:8080/');
  assert.equal(sectionOf(c, consoleNetwork).enabled, undefined);
});

test('bad config names the key path, the problem and a right value', () => {
  const cases: [unknown, string, RegExp][] = [
    [{ site: { url: 'ftp://x' } }, 'site.url', /for example: url: https:/],
    [{ site: { pageSize: 'ten' } }, 'site.pageSize', /expected number/],
    [{ site: { timeZone: 'Mars/Olympus' } }, 'site.timeZone', /unknown time zone/],
    [{ site: { lang: 'en-abcdefghi' } }, 'site.lang', /not a language tag/],
    [{ preview: { port: 70000 } }, 'preview.port', /port: 8080/],
    [{ ingest: { noisePatterns: ['(unclosed'] } }, 'ingest.noisePatterns[0]', /not a valid regular expression/],
    [{ sight: {} }, 'sight', /unknown key/],
    [{ site: { titel: 'x' } }, 'site.titel', /unknown key/],
    [
      { matrix: { accounts: [{ name: 'm', homeserver: 'https://hs.example' }] } },
      'matrix.accounts[0].accessToken',
      /accessToken, or userId and password[\s\S]*for example: accessToken: \$\{MATRIX_TOKEN\}/,
    ],
    [
      {
        matrix: {
          accounts: [{ name: 'm', homeserver: 'https://hs.example', accessToken: 't', invites: 'allow-list' }],
        },
      },
      'matrix.accounts[0].allow',
      /allow-list/,
    ],
    [
      { matrix: { accounts: [{ name: 'm', homeserver: 'https://hs.example', accessToken: 't', rooms: ['friends'] }] } },
      'matrix.accounts[0].rooms[0].id',
      /room id \(!abc:server\) or alias/,
    ],
    [
      { xmpp: { accounts: [{ name: 'j', jid: 'nobody', password: 'x' }] } },
      'xmpp.accounts[0].jid',
      /a bare JID[\s\S]*for example: jid: meshline@example\.org/,
    ],
    [
      { xmpp: { accounts: [{ name: 'j', jid: 'a@b', password: 'x', subscriptions: 'manual' }] } },
      'xmpp.accounts[0].admins',
      /need at least one admin[\s\S]*admins: \[you@example\.org\]/,
    ],
    [
      { xmpp: { accounts: [{ name: 'j', jid: 'a@b', password: 'x', subscriptions: 'allow-list' }] } },
      'xmpp.accounts[0].allow',
      /allow-list/,
    ],
    [
      { xmpp: { accounts: [{ name: 'j', jid: 'a@b', password: 'x', service: 'tcp://x' }] } },
      'xmpp.accounts[0].service',
      /xmpp:\/\/host:port/,
    ],
    [
      { irc: { networks: [{ name: 'Libera', host: 'x', nick: 'm' }] } },
      'irc.networks[0].name',
      /lower-case letters[\s\S]*for example: name: libera/,
    ],
    [
      { irc: { networks: [{ name: 'libera', host: 'x', nick: 'm', channels: ['friends'] }] } },
      'irc.networks[0].channels[0].name',
      /starts with #[\s\S]*for example: channels:/,
    ],
    [{ schedule: { verify: '61 3 * * *' } }, 'schedule.verify', /not a cron line .*minute hour day month weekday/],
    [{ mesh: { follow: ['their.site'] } }, 'mesh.follow[0].source', /is not a source: a site or feed URL/],
    [{ mesh: { follow: [{ source: 'https://x.org/', key: 'abc' }] } }, 'mesh.follow[0].key', /32-byte Ed25519/],
    [[1, 2], '', /mapping of sections/],
    [{ s3: { bucket: 'b' } }, 's3', /go under publish\.s3[\s\S]*for example: publish:/],
    [{ publish: { target: 's3' } }, 'publish.s3.bucket', /needs a bucket[\s\S]*for example: bucket: our-status-site/],
    [
      { publish: { target: 's3', s3: { bucket: 'site', provider: 'r2' } } },
      'publish.s3.endpoint',
      /provider r2 needs the endpoint[\s\S]*r2\.cloudflarestorage\.com/,
    ],
    [
      { publish: { target: 's3', s3: { bucket: 'site', provider: 'b2' } } },
      'publish.s3.region',
      /Backblaze B2 needs the bucket's region/,
    ],
    [{ publish: { target: 's3', s3: { bucket: 'Bad_Name' } } }, 'publish.s3.bucket', /an S3 bucket name/],
    [{ publish: { target: 's3', s3: { bucket: 'site', prefix: '/status' } } }, 'publish.s3.prefix', /ending in \//],
    [
      { publish: { target: 's3', s3: { bucket: 'site', accessKeyId: 'k' } } },
      'publish.s3.secretAccessKey',
      /both accessKeyId and secretAccessKey/,
    ],
    [{ publish: { target: 'ftp' } }, 'publish.target', /s3/],
  ];
  for (const [raw, path, msg] of cases) {
    assert.throws(
      () => parseConfig(raw, {}),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError, String(err));
        assert.equal(err.path, path);
        assert.match(err.message, msg);
        return true;
      },
      path,
    );
  }
});

test('IRC networks: defaults and channel shorthand', () => {
  const c = parseConfig(
    {
      irc: {
        networks: [
          {
            name: 'libera',
            host: 'irc.libera.chat',
            nick: 'meshline',
            channels: ['#a', { name: '#b', publish: true }],
          },
        ],
      },
    },
    {},
  );
  const n = sectionOf(c, ircNetwork).networks[0]!;
  assert.equal(n.port, 6697);
  assert.equal(n.tls, true);
  assert.equal(n.allowUnverified, false);
  assert.deepEqual(n.channels, [
    { name: '#a', publish: false, policy: 'opted-in' },
    { name: '#b', publish: true, policy: 'opted-in' },
  ]);
});

test('secrets come from the environment', () => {
  assert.deepEqual(substituteEnv({ a: ['${X}', '${Y:-dflt}'], b: 'p-${X}-s' }, { X: 'secret' }), {
    a: ['secret', 'dflt'],
    b: 'p-secret-s',
  });
  assert.throws(
    () => parseConfig({ site: { title: '${NOPE}' } }, {}),
    /site.title: environment variable NOPE is not set/,
  );
  assert.equal(parseConfig({ site: { title: '${T}' } }, { T: 'Ours' }).site.title, 'Ours');
  assert.equal(parseConfig({ schedule: { verify: '*/5 * * * *' } }, {}).schedule.verify, '*/5 * * * *');
});

// Issue 12: only the first problem was shown, in the schema's words, with no line and no guess at a typo.
test('config problems: all of them, with their YAML line, and the key that was meant', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const file = join(mkdtempSync(join(tmpdir(), 'meshline-config-')), 'meshline.yaml');
  writeFileSync(file, 'site:\n  titel: Ours\n  pageSize: 2\nstore:\n  path: x.db\npublsh:\n  target: s3\n');
  const err = await loadConfig(file, {}).then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  assert.ok(err instanceof ConfigError);
  const lines = err.message.split('\n');
  assert.match(lines[0]!, /3 problems:/);
  assert.ok(lines.some((l) => /site\.titel: unknown key \(line 2\); did you mean site\.title\?/.test(l)));
  assert.ok(lines.some((l) => /site\.pageSize: .*>=5 \(line 3\)/.test(l)));
  assert.ok(lines.some((l) => /publsh: unknown key \(line 6\); did you mean publish\?/.test(l)));
  writeFileSync(file, 'irc:\n  networks:\n    - { name: x, host: h, nick: n, chanels: ["#a"] }\n');
  await assert.rejects(
    () => loadConfig(file, {}),
    /irc\.networks\[0\]\.chanels: unknown key \(line 3\); did you mean irc\.networks\[0\]\.channels\?/,
  );
});
