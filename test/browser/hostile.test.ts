// Issue 11, done when: 10,000 hostile events imported and rendered by the real `meshline` command without a failed
// target; every feed parses in a strict XML parser and in feedparser; opened in Chromium (every kind of page, every
// feed served as text/xml and as its own type), nothing runs and nothing is fetched from elsewhere.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, relative, resolve } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { launchChromium } from './chromium.ts';
import { hostileCorpus } from '../hostile/corpus.ts';
import { tempDir } from '../helpers.ts';

const BIN = resolve('bin/meshline.js');

function listen(server: Server): Promise<string> {
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${(server.address() as { port: number }).port}`)),
  );
}

// Anything that reaches this server came from a page or feed that loaded or ran something it should not have.
const canaryHits: string[] = [];
const canary = createServer((req, res) => {
  canaryHits.push(req.url ?? '');
  res.end();
});
const canaryUrl = await listen(canary);

const dir = tempDir();
const out = join(dir, 'output');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.json': 'application/feed+json',
};
const OWN: Record<string, string> = { 'feed.xml': 'application/rss+xml', 'atom.xml': 'application/atom+xml' };
// Serves the site; `?as=xml` serves any file as text/xml, as a misconfigured host would.
const site = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const path = join(out, decodeURIComponent(url.pathname));
  if (!path.startsWith(out)) return void res.writeHead(403).end();
  try {
    const body = readFileSync(path);
    const own = OWN[path.slice(path.lastIndexOf('/') + 1)] ?? TYPES[extname(path)] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': url.searchParams.get('as') === 'xml' ? 'text/xml' : own }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
const siteUrl = await listen(site);
after(() => {
  canary.close();
  site.close();
});

function files(root: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else found.push(relative(root, join(d, e.name)).split('\\').join('/'));
    }
  };
  walk(root);
  return found;
}

const meshline = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, MESHLINE_LOG: 'warn' },
  });

test('issue 11: 10,000 hostile events import and render with no failed target', () => {
  const events = hostileCorpus(canaryUrl, 10_000);
  assert.ok(events.length >= 10_000);
  writeFileSync(
    join(dir, 'meshline.yaml'),
    `site:\n  url: ${siteUrl}/\n  outputDir: output\nstore:\n  path: meshline.db\n`,
  );
  // The first part renders everything; the rest come as changes do, rendered incrementally.
  for (const [n, [from, to]] of [
    [0, 4000],
    [4000, 6000],
    [6000, 8000],
    [8000, events.length],
  ].entries()) {
    writeFileSync(
      join(dir, `hostile-${n}.jsonl`),
      events
        .slice(from, to)
        .map((e) => JSON.stringify(e))
        .join('\n') + '\n',
    );
    const imported = meshline('import', `hostile-${n}.jsonl`, '--rooms', '-q');
    assert.equal(imported.status, 0, imported.stdout + imported.stderr);
    const rendered = meshline('render', '-q');
    assert.equal(rendered.status, 0, rendered.stdout + rendered.stderr);
    assert.doesNotMatch(rendered.stdout, /not rendered/);
    if (n > 0) assert.match(rendered.stdout, /^rendered changes/);
  }
  const full = meshline('render', '--full', '-q');
  assert.equal(full.status, 0, full.stdout + full.stderr);
  assert.match(full.stdout, /0 written, 0 removed/, 'incremental renders left what a full one makes');
});

test('issue 11: every feed is well-formed XML, JSON and a feed feedparser reads without complaint', () => {
  const all = files(out);
  const xml = all.filter((f) => f.endsWith('feed.xml') || f.endsWith('atom.xml'));
  const json = all.filter((f) => f.endsWith('feed.json'));
  assert.ok(xml.length > 100, `${xml.length} XML feeds`);
  for (const f of xml) {
    const text = readFileSync(join(out, f), 'utf8');
    assert.equal(XMLValidator.validate(text), true, f);
    assert.doesNotMatch(text, /<!\[CDATA\[|<!DOCTYPE|<\?xml-stylesheet/, f);
  }
  for (const f of json) assert.ok(Array.isArray(JSON.parse(readFileSync(join(out, f), 'utf8')).items), f);
  // feedparser, as many readers use it: no bozo (malformed) feed, and titles come out as plain text.
  const script = `
import sys, json, html, feedparser
bad = []
for path in sys.argv[1:]:
    d = feedparser.parse(path)
    if d.bozo: bad.append([path, str(d.bozo_exception)])
    # The same timeline's JSON Feed says what each title is, as text.
    want = [i['title'] for i in json.load(open(path.rsplit('/', 1)[0] + '/feed.json'))['items']]
    for e, title in zip(d.entries, want):
        detail = e.get('title_detail', {})
        shown = html.unescape(e.title) if detail.get('type') == 'text/html' else e.title
        if '<' in e.title and detail.get('type') == 'text/html':
            bad.append([path, 'markup in a title: ' + e.title[:60]])
        elif shown != title: bad.append([path, 'title reads ' + repr(shown[:60]) + ', not ' + repr(title[:60])])
print(json.dumps({'n': len(sys.argv) - 1, 'bad': bad[:20]}))
`;
  // (Debian's feedparser 6.0 reads RSS and Atom; JSON Feed is checked above.)
  const r = spawnSync('/usr/bin/python3', ['-c', script, ...xml.map((f) => join(out, f))], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  assert.equal(r.status, 0, r.stderr);
  const { n, bad } = JSON.parse(r.stdout) as { n: number; bad: string[][] };
  assert.equal(n, xml.length);
  assert.deepEqual(bad, []);
});

test("issue 11: no page carries a post's markup; Chromium runs and fetches nothing from any page or feed", async () => {
  const all = files(out);
  // The search page is the templates' own form and script and holds no post text; its results are loaded below.
  const html = all.filter((f) => f.endsWith('.html') && f !== 'search/index.html');
  // Post text reaches pages only escaped, so every `<` in a page opens one of the template's own tags: check each
  // tag and attribute against what the templates and the markdown renderer write.
  const TAGS = new Set([
    'html',
    'head',
    'meta',
    'title',
    'link',
    'body',
    'a',
    'header',
    'nav',
    'ul',
    'li',
    'main',
    'h1',
    'h2',
    'p',
    'article',
    'div',
    'span',
    'time',
    'footer',
    'section',
    'br',
    'strong',
    'em',
    'code',
    'pre',
    'blockquote',
    'ol',
    's',
    'small',
    'aside',
    // A person's initials (issue 17), drawn by the template.
    'svg',
    'rect',
    'text',
    // The templates' own scripts, checked below.
    'script',
    // Video cards (issue 17): a mirrored thumbnail, a button the script shows.
    'figure',
    'figcaption',
    'button',
    'img',
  ]);
  const bad: string[] = [];
  for (const f of html) {
    const text = readFileSync(join(out, f), 'utf8');
    for (const [, name, attrs] of text.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
      if (!TAGS.has(name!.toLowerCase())) bad.push(`${f}: <${name}>`);
      if (name === 'script' && !/\ssrc="/.test(attrs!)) bad.push(`${f}: inline script`);
      if (name === 'img' && !/\ssrc="\/media\//.test(attrs!)) bad.push(`${f}: image from elsewhere`);
      for (const [, attr, value = ''] of attrs!.matchAll(/\s([a-zA-Z:-]+)(?:="([^"]*)")?/g)) {
        if (/^on/i.test(attr!)) bad.push(`${f}: ${attr}=`);
        const url = value
          .replace(/&amp;/g, '&')
          .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
          .trim();
        if (/^(href|src|content)$/i.test(attr!) && /^(javascript|data|vbscript):/i.test(url))
          bad.push(`${f}: ${attr}=${url}`);
        if (attr === 'rel' && value === 'stylesheet' && !/href="\/assets\/style-[0-9a-f]+\.css"/.test(attrs!))
          bad.push(`${f}: stylesheet`);
        if (attr === 'http-equiv' && !/<h1>@/.test(text)) bad.push(`${f}: refresh`);
        if (name === 'script' && attr === 'src' && !/^\/assets\/(time|search|embed)-[0-9a-f]+\.js$/.test(value))
          bad.push(`${f}: script ${value}`);
      }
    }
  }
  assert.deepEqual(bad.slice(0, 20), []);
  const kinds = new Map<string, string>();
  for (const f of html) {
    const kind = f
      .replace(/[^/]+\.html$/, '')
      .replace(/^(people|tags|rooms)\/[^/]+\//, '$1/*/')
      .replace(/^posts\/.*/, 'posts/');
    if (!kinds.has(kind) || f.includes('page/')) kinds.set(kind + (f.includes('page/') ? 'page' : ''), f);
  }
  const permalinks = html.filter((f) => f.startsWith('posts/'));
  const pages = [...new Set([...kinds.values(), ...permalinks.filter((_, i) => i % 200 === 0)])];
  const feeds = all.filter((f) => f.endsWith('feed.xml') || f.endsWith('atom.xml'));
  const loads = [
    ...pages.map((f) => encodeURI(f)),
    // Search results of the hostile corpus's words: shown as text, nothing runs (issue 16).
    ...['script alert onerror', 'img svg iframe', 'javascript href'].map(
      (q) => `search/index.html?q=${encodeURIComponent(q)}`,
    ),
    ...feeds.flatMap((f) => [encodeURI(f), `${encodeURI(f)}?as=xml`]),
    ...all
      .filter((f) => f.endsWith('feed.json'))
      .slice(0, 20)
      .map((f) => `${encodeURI(f)}?as=xml`),
  ];
  const browser = await launchChromium();
  const ran: string[] = [];
  try {
    const ctx = await browser.newContext();
    const worker = async (queue: string[]) => {
      const page = await ctx.newPage();
      page.on('dialog', (d) => {
        ran.push(`dialog on ${page.url()}`);
        void d.dismiss();
      });
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        const resp = await page.goto(`${siteUrl}/${path}`, { waitUntil: 'load' }).catch((err: Error) => err);
        if (resp instanceof Error) {
          if (!/Download is starting/.test(resp.message)) throw resp;
          continue;
        }
        assert.equal(resp?.status(), 200, path);
        // Search shows its results after fetching them: wait for them, and for some hostile text among them.
        if (path.startsWith('search/')) {
          await page.waitForFunction("/found/.test(document.getElementById('search-status').textContent)");
          assert.match(await page.locator('#results').innerText(), /[<>]/, path);
        }
        if (await page.evaluate('window.__pwned === 1')) ran.push(path);
      }
      await page.close();
    };
    const queue = [...loads];
    await Promise.all([worker(queue), worker(queue), worker(queue)]);
  } finally {
    await browser.close();
  }
  assert.ok(loads.length > 300, `${loads.length} loads`);
  assert.deepEqual(ran, []);
  assert.deepEqual(canaryHits, []);
});
