// Publishing's pure parts: provider profiles, content types, cache classes, the order files go out in, S3 errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig, targetSectionOf } from '../../src/config/index.ts';
import { s3Target } from '../../src/publish/targets.ts';
import { s3Settings } from '../../src/publish/providers.ts';
import { cacheClass, contentType } from '../../src/publish/headers.ts';
import { publishRank } from '../../src/app/publish.ts';
import { s3Error } from '../../src/publish/s3.ts';
import { isTransient } from '../../src/core/errors.ts';

const s3 = (extra: Record<string, unknown>) =>
  targetSectionOf(parseConfig({ publish: { target: 's3', s3: { bucket: 'site', ...extra } } }, {}), s3Target);

test('provider profiles set region, endpoint, path style and checksum headers', () => {
  const cases: [Record<string, unknown>, Partial<ReturnType<typeof s3Settings>>][] = [
    [{}, { region: 'us-east-1', forcePathStyle: false, checksums: 'WHEN_SUPPORTED' }],
    [{ region: 'eu-west-1' }, { region: 'eu-west-1', forcePathStyle: false }],
    [
      { provider: 'r2', endpoint: 'https://acc.r2.cloudflarestorage.com' },
      { region: 'auto', endpoint: 'https://acc.r2.cloudflarestorage.com', checksums: 'WHEN_REQUIRED' },
    ],
    [
      { provider: 'b2', region: 'eu-central-003' },
      {
        region: 'eu-central-003',
        endpoint: 'https://s3.eu-central-003.backblazeb2.com',
        checksums: 'WHEN_REQUIRED',
        forcePathStyle: false,
      },
    ],
    [{ provider: 'wasabi' }, { endpoint: 'https://s3.us-east-1.wasabisys.com', checksums: 'WHEN_REQUIRED' }],
    [
      { provider: 'minio', endpoint: 'http://127.0.0.1:9000' },
      { forcePathStyle: true, checksums: 'WHEN_REQUIRED' },
    ],
    [
      { provider: 'garage', endpoint: 'http://127.0.0.1:3900' },
      { region: 'garage', forcePathStyle: true },
    ],
    [{ provider: 'generic', endpoint: 'http://127.0.0.1:1', forcePathStyle: false }, { forcePathStyle: false }],
  ];
  for (const [cfg, want] of cases) {
    const got = s3Settings(s3(cfg));
    for (const [k, v] of Object.entries(want))
      assert.equal(got[k as keyof typeof got], v, `${JSON.stringify(cfg)} ${k}`);
  }
  assert.equal(s3Settings(s3({})).credentials, undefined, 'no keys: the SDK reads the environment');
  assert.deepEqual(s3Settings(s3({ accessKeyId: 'k', secretAccessKey: 's' })).credentials, {
    accessKeyId: 'k',
    secretAccessKey: 's',
  });
});

test('every file kind has its content type and cache class', () => {
  const cases: [string, string, string][] = [
    ['index.html', 'text/html; charset=utf-8', 'timelines'],
    ['people/alice/index.html', 'text/html; charset=utf-8', 'timelines'],
    ['people/alice/page/3.html', 'text/html; charset=utf-8', 'pages'],
    ['page/1.html', 'text/html; charset=utf-8', 'pages'],
    ['posts/12-hello.html', 'text/html; charset=utf-8', 'pages'],
    ['feed.xml', 'application/rss+xml; charset=utf-8', 'timelines'],
    ['tags/food/atom.xml', 'application/atom+xml; charset=utf-8', 'timelines'],
    ['rooms/friends/feed.json', 'application/feed+json; charset=utf-8', 'timelines'],
    ['assets/style-0123abcd4567.css', 'text/css; charset=utf-8', 'assets'],
    ['assets/logo.svg', 'image/svg+xml', 'timelines'],
    ['media/a.JPG', 'image/jpeg', 'timelines'],
    ['README', 'application/octet-stream', 'timelines'],
  ];
  for (const [path, type, cls] of cases) {
    assert.equal(contentType(path), type, path);
    assert.equal(cacheClass(path), cls, path);
  }
});

test('publish order: leaves and assets, archive pages, timelines and indexes, feeds, then deletions', () => {
  const paths: [string, 'put' | 'delete'][] = [
    ['feed.xml', 'put'],
    ['posts/1-a.html', 'delete'],
    ['index.html', 'put'],
    ['people/a/page/2.html', 'put'],
    ['assets/style-abcdef01.css', 'put'],
    ['posts/2-b.html', 'put'],
    ['people/a/feed.json', 'put'],
  ];
  const sorted = [...paths].sort((a, b) => publishRank(...a) - publishRank(...b)).map(([p, op]) => `${op} ${p}`);
  assert.deepEqual(sorted, [
    'put assets/style-abcdef01.css',
    'put posts/2-b.html',
    'put people/a/page/2.html',
    'put index.html',
    'put feed.xml',
    'put people/a/feed.json',
    'delete posts/1-a.html',
  ]);
});

test('S3 errors: throttling, 5xx, timeouts and resets are transient; refusals are not, and say what to check', () => {
  const cases: [unknown, boolean, RegExp][] = [
    [{ name: 'SlowDown', $metadata: { httpStatusCode: 503 } }, true, /SlowDown, HTTP 503/],
    [{ name: 'InternalError', $metadata: { httpStatusCode: 500 } }, true, /HTTP 500/],
    [{ name: 'TooManyRequests', $metadata: { httpStatusCode: 429 } }, true, /429/],
    [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), true, /socket hang up/],
    [Object.assign(new Error('timed out'), { name: 'TimeoutError' }), true, /TimeoutError/],
    [
      Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }),
      false,
      /AccessDenied, HTTP 403: Access Denied \(check publish\.s3 credentials/,
    ],
    [
      Object.assign(new Error('no bucket'), { name: 'NoSuchBucket', $metadata: { httpStatusCode: 404 } }),
      false,
      /check publish\.s3\.bucket/,
    ],
  ];
  for (const [err, transient, msg] of cases) {
    const e = s3Error('PUT x', err);
    assert.equal(isTransient(e), transient, e.message);
    assert.match(e.message, msg);
    assert.equal(e.cause, err);
  }
});
