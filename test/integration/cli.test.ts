// The meshline command as a user runs it: exit codes, messages, files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/index.ts';
import { meshline, tempDir } from '../helpers.ts';
import { MIGRATIONS } from '../../src/store/migrations.ts';
import { Db } from '../../src/store/db.ts';

const BIN = resolve('bin/meshline.js');

test('init writes a commented config that parses to the defaults and names every section', () => {
  const dir = tempDir();
  const r = meshline(dir, 'init');
  assert.equal(r.code, 0, r.err);
  const text = readFileSync(join(dir, 'meshline.yaml'), 'utf8');
  for (const section of [
    'site:',
    'store:',
    'preview:',
    'ingest:',
    'schedule:',
    'publish:',
    'media:',
    'console:',
    'irc:',
    'xmpp:',
    'matrix:',
    '# s3:',
    'debounceSeconds:',
  ])
    assert.ok(text.includes(section), section);
  assert.deepEqual(parseConfig(parse(text), {}), parseConfig({}, {}));
  assert.equal(meshline(dir, 'init').code, 2, 'refuses to overwrite');
  assert.equal(meshline(dir, 'init', '--force').code, 0);
});

test('bad config: exit 2, the key path and an example, no stack trace', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'meshline.yaml'), 'site:\n  url: ftp://example.org\n');
  const r = meshline(dir, 'render');
  assert.equal(r.code, 2);
  assert.match(r.err, /^meshline: config site\.url: .*\n {2}for example: url: https:\/\/status\.example\.org\/\n$/);
  assert.doesNotMatch(r.err, /\bat .*\.ts:\d+/);
  writeFileSync(join(dir, 'broken.yaml'), 'site: [unclosed\n');
  const y = meshline(dir, '--config', 'broken.yaml', 'doctor');
  assert.equal(y.code, 2);
  assert.match(y.err, /broken\.yaml is not valid YAML/);
  const missing = meshline(dir, '--config', 'nope.yaml', 'render');
  assert.equal(missing.code, 2);
  assert.match(missing.err, /config file nope\.yaml does not exist/);
});

test('import reports bad lines by number, keeps the good ones; render, people, doctor', () => {
  const dir = tempDir();
  const lines = [
    { kind: 'direct', text: 'join', network: 'irc', sender: { id: 'alice', display: 'Alice' }, at: 1000 },
    'not json at all',
    {
      kind: 'status',
      presence: 'away',
      text: 'Gone fishing',
      network: 'irc',
      sender: { id: 'alice', display: 'Alice' },
      at: '2026-01-01T10:00:00Z',
    },
    {
      kind: 'status',
      presence: 'sleeping',
      text: 'x',
      network: 'irc',
      sender: { id: 'alice', display: 'Alice' },
      at: 3,
    },
    {
      kind: 'message',
      network: 'irc',
      room: { id: '#friends' },
      text: 'hello #hi',
      sender: { id: 'alice', display: 'Alice' },
      at: 4000,
      msgId: 'a1',
    },
    {
      kind: 'message',
      network: 'irc',
      room: { id: '#friends' },
      text: 'hello #hi',
      sender: { id: 'alice', display: 'Alice' },
      at: 4000,
      msgId: 'a1',
    },
  ];
  writeFileSync(
    join(dir, 'events.jsonl'),
    lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n',
  );
  const r = meshline(dir, 'import', 'events.jsonl', '--rooms');
  assert.equal(r.code, 1, 'bad lines make a non-zero exit');
  assert.match(r.err, /events\.jsonl:2: not JSON/);
  assert.match(r.err, /events\.jsonl:4: presence: Invalid option/);
  assert.match(r.out, /imported 6 lines .*: 1 replied, 2 posted, 1 duplicate; 2 bad lines skipped/);
  const render = meshline(dir, 'render');
  assert.equal(render.code, 0, render.err);
  assert.match(render.out, /full render: \d+ files produced/);
  assert.ok(existsSync(join(dir, 'output', 'people', 'alice', 'index.html')));
  assert.match(readFileSync(join(dir, 'output', 'rooms', 'friends', 'index.html'), 'utf8'), /hello/);
  assert.match(meshline(dir, 'render').out, /rendered changes: 0 files produced/);
  assert.match(meshline(dir, 'people').out, /^@alice\tAlice\topted in\t2 posts\tirc:alice\n$/);
  const d = meshline(dir, 'doctor');
  assert.match(
    d.out,
    new RegExp(`ok {3}database {3}data/meshline\\.db: schema ${MIGRATIONS.at(-1)!.version}, 1 people, 2 posts`),
  );
  assert.match(d.out, /ok {3}templates/);
  const p = meshline(dir, 'publish');
  assert.equal(p.code, 0, p.err);
  assert.match(p.out, /nothing to send/);
});

test('publish mirrors the site into a local folder, only what changed', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'meshline.yaml'), 'publish:\n  local:\n    dir: public\n');
  writeFileSync(
    join(dir, 'e.jsonl'),
    JSON.stringify({ kind: 'direct', text: 'join', network: 'n', sender: { id: 'bo', display: 'Bo' }, at: 1 }) + '\n',
  );
  assert.equal(meshline(dir, 'import', 'e.jsonl').code, 0);
  const first = meshline(dir, 'publish');
  assert.match(first.out, /published to folder .*public: \d+ uploaded \(\d+ (bytes|KB)\), 0 deleted, \d+ requests/);
  assert.equal(
    readFileSync(join(dir, 'public', 'index.html'), 'utf8'),
    readFileSync(join(dir, 'output', 'index.html'), 'utf8'),
  );
  assert.match(meshline(dir, 'publish').out, /: 0 uploaded \(0 bytes\), 0 deleted, 0 requests/);

  // Drift behind Meshline's back: --verify lists the folder and repairs it.
  rmSync(join(dir, 'public', 'feed.xml'));
  writeFileSync(join(dir, 'public', 'index.html'), 'defaced');
  writeFileSync(join(dir, 'public', 'stray.html'), 'not ours');
  const v = meshline(dir, 'publish', '--verify');
  assert.equal(v.code, 0, v.err);
  assert.match(v.out, /fixed 1 missing, 1 changed, 1 stray/);
  assert.match(v.out, /2 uploaded .*, 1 deleted/);
  assert.equal(
    readFileSync(join(dir, 'public', 'index.html'), 'utf8'),
    readFileSync(join(dir, 'output', 'index.html'), 'utf8'),
  );
  assert.ok(existsSync(join(dir, 'public', 'feed.xml')));
  assert.ok(!existsSync(join(dir, 'public', 'stray.html')));
  assert.match(meshline(dir, 'publish', '--verify').out, /fixed 0 missing, 0 changed, 0 stray/);
});

test('run with the preview port taken: exit 2 and the key to change', async () => {
  const { createServer } = await import('node:net');
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
  const port = (blocker.address() as { port: number }).port;
  const dir = tempDir();
  writeFileSync(join(dir, 'meshline.yaml'), `preview:\n  port: ${port}\n`);
  const r = spawnSync(process.execPath, [BIN, 'run'], {
    cwd: dir,
    encoding: 'utf8',
    input: '',
    env: { ...process.env, MESHLINE_LOG: 'warn' },
  });
  blocker.close();
  assert.equal(r.status, 2);
  assert.match(r.stderr, new RegExp(`config preview\\.port: cannot listen on 127\\.0\\.0\\.1:${port} \\(in use`));
});

// Issue 12: importing sent DMs (every subscriber was told "You are already in" again, and old mentions were
// notified); an import is history: quiet unless --notify, and the same file twice changes nothing.
test('import is quiet and idempotent; --notify sends what the events cause, once', async () => {
  const dir = tempDir();
  const lines = [
    { kind: 'subscription', state: 'subscribe', network: 'n', sender: { id: 'ann', display: 'Ann' }, at: 1 },
    { kind: 'direct', text: 'join', network: 'n', sender: { id: 'ann', display: 'Ann' }, at: 2, msgId: 'j1' },
    { kind: 'direct', text: 'join', network: 'n', sender: { id: 'bo', display: 'Bo' }, at: 3, msgId: 'j2' },
    { kind: 'direct', text: 'post hi @ann', network: 'n', sender: { id: 'bo', display: 'Bo' }, at: 4, msgId: 'p1' },
  ];
  writeFileSync(join(dir, 'h.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const dms = async (where: string) => {
    const db = await Db.open(join(where, 'data', 'meshline.db'));
    const rows = await db.all<{ to: string }>(
      "SELECT json_extract(payload, '$.to') AS \"to\" FROM outbox WHERE kind = 'dm' ORDER BY id",
    );
    await db.close();
    return rows.map((r) => r.to);
  };
  for (let round = 0; round < 2; round++) assert.equal(meshline(dir, 'import', 'h.jsonl').code, 0);
  assert.match(meshline(dir, 'people').out, /@bo\tBo\topted in\t1 posts/);
  assert.deepEqual(await dms(dir), [], 'history sends nothing');
  const other = tempDir();
  writeFileSync(join(other, 'h.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  for (let round = 0; round < 2; round++) assert.equal(meshline(other, 'import', 'h.jsonl', '--notify').code, 0);
  // The hello, two welcomes, the mention notice to Ann and "Posted": once, though imported twice.
  assert.deepEqual(await dms(other), ['ann', 'ann', 'bo', 'ann', 'bo']);
});

// Issue 12: errors a person can act on.
test('paths in a config mean its folder; doctor only looks; exit codes; --version', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'elsewhere.yaml'), '');
  const conf = join(dir, 'conf');
  rmSync(conf, { recursive: true, force: true });
  spawnSync('mkdir', ['-p', conf]);
  writeFileSync(
    join(conf, 'm.yaml'),
    'store:\n  path: db/m.db\nsite:\n  outputDir: site\npreview:\n  enabled: false\n',
  );
  const d = meshline(dir, 'doctor', '-c', 'conf/m.yaml');
  assert.equal(d.code, 0, d.out + d.err);
  assert.match(d.out, /database +conf\/db\/m\.db does not exist yet/);
  assert.ok(!existsSync(join(conf, 'db')) && !existsSync(join(conf, 'site')), 'doctor created nothing');
  assert.equal(meshline(dir, 'render', '-c', 'conf/m.yaml').code, 0);
  assert.ok(existsSync(join(conf, 'db', 'm.db')) && existsSync(join(conf, 'site', 'index.html')));
  assert.equal(meshline(dir, 'frobnicate').code, 2);
  assert.equal(meshline(dir, 'render', '--nope').code, 2);
  const v = meshline(dir, '--version');
  assert.equal(v.code, 0);
  assert.match(v.out, /^\d+\.\d+\.\d+\n$/);
  writeFileSync(join(conf, 'm.yaml'), 'schedule:\n  verify: every night\n');
  const cron = meshline(dir, 'doctor', '-c', 'conf/m.yaml');
  assert.equal(cron.code, 2);
  assert.match(cron.err, /schedule\.verify: not a cron line .*\(line 2\)/);
  spawnSync('mkdir', ['-p', join(conf, 'tpl', 'assets')]);
  writeFileSync(join(conf, 'tpl', 'assets', 'style.css'), '');
  for (const f of ['base.njk', '_post.njk', 'timeline.njk', 'post.njk', 'list.njk', 'redirect.njk']) {
    writeFileSync(
      join(conf, 'tpl', f),
      readFileSync(join('templates', f), 'utf8').replace('{{ site.title }}', '{{ site.title | shout }}'),
    );
  }
  writeFileSync(join(conf, 'm.yaml'), 'site:\n  templatesDir: tpl\n');
  const tpl = meshline(dir, 'render', '-c', 'conf/m.yaml');
  assert.equal(tpl.code, 2);
  assert.match(tpl.err, /site\.templatesDir: conf\/tpl\/base\.njk: unknown filter "shout" \(line \d+\)/);
  assert.doesNotMatch(tpl.err, /\n\s+at /, 'no stack trace');
  const folder = meshline(dir, 'import', 'conf');
  assert.equal(folder.code, 2);
  assert.match(folder.err, /conf is a folder; give the JSON Lines file/);
  assert.doesNotMatch(folder.err, /\n\s+at /);
});

// Issue 13: operators who ship logs get one JSON object a line.
test('--log-format json writes one JSON object a line', () => {
  const dir = tempDir();
  const r = spawnSync(process.execPath, [BIN, 'render', '--log-format', 'json'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, MESHLINE_LOG: 'info' },
  });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stderr.trim().split('\n').filter(Boolean);
  assert.ok(lines.length > 0);
  for (const line of lines) {
    const entry = JSON.parse(line) as Record<string, unknown>;
    assert.deepEqual(Object.keys(entry).slice(0, 4), ['time', 'level', 'logger', 'msg']);
    assert.ok(!Number.isNaN(Date.parse(String(entry.time))));
  }
  assert.equal(meshline(dir, 'render', '--log-format', 'xml').code, 2);
});

// Issue 18: `render --full` starts its two threads before it reads its config: a command that then fails must still
// end at once, and one that succeeds renders with them.
test('issue 18: render --full ends at once when its config is wrong, and renders with the threads it started', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'bad.yaml'), 'site: [not, a, section\n');
  const started = Date.now();
  const bad = spawnSync(process.execPath, [BIN, 'render', '--full', '-c', 'bad.yaml'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(bad.signal, null, 'ended by itself, not by the timeout');
  assert.notEqual(bad.status, 0);
  assert.ok(Date.now() - started < 15_000, `ended in ${Date.now() - started} ms`);
  const good = meshline(dir, 'render', '--full');
  assert.equal(good.code, 0, good.err);
  assert.match(good.out, /full render: \d+ files produced/);
  assert.doesNotMatch(good.err, /worker failed/, "the bundle's worker threads did their share");
  assert.ok(existsSync(join(dir, 'output', 'index.html')));
});

test('issue 18: a command loads the Node modules it uses, not every one the bundle names', () => {
  const dir = tempDir();
  // Node's own list of the modules it loaded, written as the command exits.
  const preload = join(dir, 'modules.cjs');
  writeFileSync(
    preload,
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.LIST, process.moduleLoadList.join('\\n')));",
  );
  const line = (n: number) =>
    JSON.stringify({
      kind: 'message',
      network: 'irc',
      account: 'bot',
      sender: { id: 'alice!a@example.org', display: 'Alice', verified: true },
      at: Date.UTC(2026, 0, 2, n),
      room: { id: '#friends' },
      text: `lunch at #noon with @bob (${n})`,
      msgId: `m${n}`,
    });
  const loaded = (...args: string[]) => {
    const list = join(dir, `${args[0]}.list`);
    const r = spawnSync(process.execPath, ['-r', preload, BIN, ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, LIST: list },
    });
    assert.equal(r.status, 0, r.stderr);
    return new Set(readFileSync(list, 'utf8').split('\n'));
  };
  const join_ = JSON.stringify({
    kind: 'direct',
    network: 'irc',
    account: 'bot',
    sender: { id: 'alice!a@example.org', display: 'Alice', verified: true },
    at: Date.UTC(2026, 0, 1),
    text: 'join',
    msgId: 'j1',
  });
  // The first render of a site renders all of it, with threads; a new post's is the one looked at.
  for (const n of [1, 2]) {
    writeFileSync(join(dir, 'one.jsonl'), `${n === 1 ? `${join_}\n` : ''}${line(n)}\n`);
    for (const args of [['import', 'one.jsonl', '--rooms'], ['render']]) {
      const modules = loaded(...args);
      if (n === 1) continue;
      for (const unused of ['worker_threads', 'os', 'child_process', 'http', 'dns'])
        assert.ok(!modules.has(`NativeModule ${unused}`), `${args[0]} loaded node:${unused}`);
    }
  }
  assert.match(readFileSync(join(dir, 'output', 'rooms', 'friends', 'index.html'), 'utf8'), /\(2\)/, 'rendered');
  assert.ok(existsSync(join(dir, 'data', 'site-key.pem')), 'the first command made the site key');
});
