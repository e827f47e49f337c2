// Issue 13: networks and publish targets from outside src/ — a network module defined in test/fixtures and the
// example webhook plugin — through the real loading path: `plugins:` in a config file, the command, the runtime.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/index.ts';
import { openApp } from '../../src/app/context.ts';
import { Runtime } from '../../src/app/runtime.ts';
import { tempDir, until } from '../helpers.ts';

const BIN = resolve('bin/meshline.js');
const TAIL = resolve('test/fixtures/tail-network.ts');
const WEBHOOK = resolve('examples/webhook-target');

/** The command as a user runs it; `tsx` only for the TypeScript test module (a real plugin ships JavaScript). */
function meshline(cwd: string, args: string[], ts = false) {
  const r = spawnSync(process.execPath, [...(ts ? ['--import', import.meta.resolve('tsx')] : []), BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, MESHLINE_LOG: 'warn' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const base = (dir: string) =>
  `site: { outputDir: ${join(dir, 'output')}, url: "https://status.example.org/" }\n` +
  `store: { path: ${join(dir, 'meshline.db')} }\npreview: { enabled: false }\nconsole: { enabled: false }\n`;

test('issue 13: a network module in test/ gets config validation, init text, doctor, a running adapter', async () => {
  const dir = tempDir();
  // init writes the plugin's section beside the built-in ones, and the file parses back to the defaults.
  const init = meshline(dir, ['init', '--plugin', TAIL], true);
  assert.equal(init.code, 0, init.err);
  const text = readFileSync(join(dir, 'meshline.yaml'), 'utf8');
  assert.match(text, /^plugins: \[".*tail-network\.ts"\]$/m);
  assert.match(text, /^tail:\n {2}# Files to follow/m);
  assert.deepEqual(parse(text).tail, { files: [] });
  const loaded = await loadConfig(join(dir, 'meshline.yaml'), {});
  assert.deepEqual(
    loaded.config.modules.networks.map((n) => n.kind),
    ['console', 'irc', 'xmpp', 'matrix', 'tail'],
  );

  // Validation: the module's schema, with the key path, the YAML line and the nearest key.
  writeFileSync(join(dir, 'bad.yaml'), `plugins: [${TAIL}]\ntail:\n  files:\n    - { name: notes, pth: x.log }\n`);
  await assert.rejects(
    loadConfig(join(dir, 'bad.yaml'), {}),
    /tail\.files\[0\]\.pth: unknown key \(line 4\); did you mean tail\.files\[0\]\.path\?/,
  );
  const bad = meshline(dir, ['--config', 'bad.yaml', 'doctor'], true);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /tail\.files\[0\]\.pth: unknown key \(line 4\)/);

  // Doctor: the module's probe, and its path keys resolved against the config's folder.
  const log = join(dir, 'notes.log');
  writeFileSync(log, '');
  writeFileSync(
    join(dir, 'tail.yaml'),
    `${base(dir)}plugins: [./${join('..', dir.split('/').at(-1)!, '..', '..', TAIL)}]\n` +
      'tail:\n  files:\n    - { name: notes, path: notes.log }\n',
  );
  const doc = meshline(dir, ['--config', 'tail.yaml', 'doctor'], true);
  assert.equal(doc.code, 0, doc.out + doc.err);
  assert.match(doc.out, /networks +tail/);
  assert.match(doc.out, /ok +tail:notes +notes\.log: 0 bytes/);

  // The runtime starts the module's adapter; a line in the file becomes a post on the site.
  const { config } = await loadConfig(join(dir, 'tail.yaml'), {});
  const app = await openApp(config);
  const runtime = new Runtime(app, { input: new PassThrough(), output: new PassThrough(), quit: () => undefined });
  await runtime.start();
  try {
    appendFileSync(log, 'alice status Out for lunch #food\nbob say hello from the log\n');
    const page = await until('alice page', () => {
      try {
        return readFileSync(join(dir, 'output/people/alice/index.html'), 'utf8');
      } catch {
        return undefined;
      }
    });
    assert.match(page, /Out for lunch/);
    await until('the room page', () => {
      try {
        return (
          readFileSync(join(dir, 'output/rooms/log/index.html'), 'utf8').includes('hello from the log') || undefined
        );
      } catch {
        return undefined;
      }
    });
    assert.deepEqual(
      runtime.statuses().map((s) => [s.network, s.connected]),
      [['notes', true]],
    );
  } finally {
    await runtime.stop();
    await app.close();
  }
});

/** The other end of the webhook: keeps what is PUT, forgets what is DELETEd, lists path → MD5. */
async function webhookServer(token: string) {
  const files = new Map<string, Buffer>();
  const log: string[] = [];
  const server = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${token}`) return void res.writeHead(401).end();
    const path = decodeURIComponent(new URL(req.url!, 'http://x').pathname.replace(/^\/site\//, ''));
    log.push(`${req.method} ${path}`);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      if (req.method === 'PUT') files.set(path, Buffer.concat(chunks));
      else if (req.method === 'DELETE') files.delete(path);
      else if (req.method === 'GET' && req.url!.endsWith('?list')) {
        const { createHash } = await import('node:crypto');
        const list = Object.fromEntries([...files].map(([p, b]) => [p, createHash('md5').update(b).digest('hex')]));
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(list));
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/site`, files, log, close: () => server.close() };
}

test('issue 13: the example webhook plugin publishes via the compiled command, by path and by package', async () => {
  const dir = tempDir();
  const hook = await webhookServer('s3cret');
  try {
    // By package name: installed into the config's folder as an npm package would be.
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(WEBHOOK, join(dir, 'node_modules', 'meshline-webhook'));
    const publish =
      'publish:\n  target: webhook\n  debounceSeconds: 0\n' +
      `  webhook: { url: "${hook.url}", token: "\${HOOK_TOKEN}" }\n`;
    writeFileSync(join(dir, 'meshline.yaml'), `${base(dir)}plugins: [meshline-webhook]\n${publish}`);
    const sam = { id: 'sam', display: 'Sam' };
    const events = [
      { kind: 'direct', text: 'join', network: 'n', sender: sam, at: 1_000 },
      { kind: 'status', presence: 'available', network: 'n', sender: sam, at: 2_000, text: 'Testing the webhook' },
    ];
    writeFileSync(join(dir, 'events.jsonl'), events.map((e) => JSON.stringify(e)).join('\n'));
    const env = { ...process.env, HOOK_TOKEN: 's3cret', MESHLINE_LOG: 'warn' };
    // Not spawnSync: the webhook's other end runs in this process and must keep answering.
    const run = (args: string[]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
        const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (b: Buffer) => (stdout += b));
        child.stderr.on('data', (b: Buffer) => (stderr += b));
        child.on('close', (status) => done({ status, stdout, stderr }));
      });
    assert.equal((await run(['import', 'events.jsonl'])).status, 0);
    const first = await run(['publish']);
    assert.equal(first.status, 0, first.stdout + first.stderr);
    assert.match(first.stdout, /webhook http:\/\/127\.0\.0\.1:\d+\/site/);
    const local = readFileSync(join(dir, 'output/people/sam/index.html'));
    assert.deepEqual(hook.files.get('people/sam/index.html'), local);
    assert.ok(hook.files.has('feed.xml') && hook.files.has('index.html'));
    const doctor = await run(['doctor']);
    assert.match(doctor.stdout, /ok +publish +webhook http:\/\/127\.0\.0\.1:\d+\/site answers/);

    // By path, relative to the config's folder; --verify lists the other end and repairs what is missing there.
    const byPath = join('..', dir.split('/').at(-1)!, 'node_modules', 'meshline-webhook');
    writeFileSync(
      join(dir, 'meshline.yaml'),
      `${base(dir)}plugins: [${byPath}]\n${publish}`.replace('plugins: [..', 'plugins: [./..'),
    );
    hook.files.delete('index.html');
    const verify = await run(['publish', '--verify']);
    assert.equal(verify.status, 0, verify.stdout + verify.stderr);
    assert.match(verify.stdout, /fixed 1 missing/);
    assert.ok(hook.files.has('index.html'));

    // The target's own check, named by its key path, when the url is missing.
    writeFileSync(join(dir, 'nourl.yaml'), `${base(dir)}plugins: [meshline-webhook]\npublish: { target: webhook }\n`);
    const nourl = await run(['--config', 'nourl.yaml', 'publish']);
    assert.equal(nourl.status, 2);
    assert.match(
      nourl.stderr,
      /config publish\.webhook\.url: publishing to a webhook needs its url\n {2}for example: url:/,
    );
  } finally {
    hook.close();
  }
});

test('issue 13: a missing plugin, or one that does not fit the contract, is a config error naming it', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'missing.yaml'), `${base(dir)}plugins: [./nowhere.js, meshline-nope]\n`);
  const missing = meshline(dir, ['--config', 'missing.yaml', 'render']);
  assert.equal(missing.code, 2);
  assert.match(
    missing.err,
    new RegExp(
      /^meshline: config plugins\[0\]: plugin \.\/nowhere\.js cannot be loaded: .*\n/.source +
        / {2}for example: a file or folder at .*nowhere\.js\n$/.source,
    ),
  );
  writeFileSync(join(dir, 'nope.yaml'), `${base(dir)}plugins: [meshline-nope]\n`);
  assert.match(
    meshline(dir, ['--config', 'nope.yaml', 'render']).err,
    /plugins\[0\]: plugin meshline-nope cannot be loaded[\s\S]*npm install meshline-nope/,
  );
  writeFileSync(join(dir, 'empty.js'), 'export default { name: "empty" };\n');
  writeFileSync(join(dir, 'half.js'), 'export default { name: "half", networks: [{ kind: "half", sample: "" }] };\n');
  writeFileSync(
    join(dir, 'clash.js'),
    `export { default } from ${JSON.stringify(resolve('test/fixtures/irc-clash.mjs'))};\n`,
  );
  for (const [file, why] of [
    ['empty.js', /does not fit Meshline's plugin contract: it brings no networks and no publish targets/],
    ['half.js', /network half lacks active, setup, section \(a zod schema\)/],
  ] as const) {
    writeFileSync(join(dir, 'p.yaml'), `${base(dir)}plugins: [./${file}]\n`);
    const r = meshline(dir, ['--config', 'p.yaml', 'render']);
    assert.equal(r.code, 2, file);
    assert.match(r.err, why);
  }
  writeFileSync(join(dir, 'p.yaml'), `${base(dir)}plugins: [./clash.js]\n`);
  assert.match(meshline(dir, ['--config', 'p.yaml', 'render']).err, /brings network kind irc, which is already taken/);
});
