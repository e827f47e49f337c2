// The same corpus as a Hugo site, for `npm run bench -- --vs-hugo`: one Markdown file per post, people, tags and
// rooms as taxonomies, 20 posts a page, an RSS feed per list, and templates as small as Meshline's pages are plain.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatEvent } from '../src/core/types.ts';
import { runProcess } from './lib.ts';

export const HUGO = '/usr/bin/hugo';
export const hasHugo = () => existsSync(HUGO);

const CONFIG = `baseURL = "https://bench.example/"
title = "Bench"
languageCode = "en"
disableKinds = ["sitemap", "robotsTXT", "404"]
[pagination]
  pagerSize = 20
paginate = 20
[taxonomies]
  person = "people"
  tag = "tags"
  room = "rooms"
[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML", "RSS"]
  taxonomy = ["HTML"]
  term = ["HTML", "RSS"]
`;

const BASEOF = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{{ .Title }} · {{ site.Title }}</title><link rel="stylesheet" href="/style.css">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">{{ end }}
</head><body><header><a href="/">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
`;
// Links are made from the front matter, as Meshline's from its rows: Hugo's `.GetTerms` per post costs it twice the
// time on this corpus, and a fair comparison takes each tool's quick way.
const POST = `<article class="post"><header><a href="/people/{{ index .Params.people 0 }}/">{{ .Params.author }}</a>
{{ range .Params.rooms }}in <a href="/rooms/{{ . }}/">{{ . }}</a>{{ end }}</header>
<div class="body">{{ .Content }}</div><footer><a href="{{ .RelPermalink }}">
<time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 Jan 2006, 15:04" }}</time></a>
{{ range .Params.tags }} <a href="/tags/{{ . }}/">#{{ . }}</a>{{ end }}
</footer></article>
`;
const LIST = `{{ define "main" }}<h1>{{ .Title }}</h1>{{ $p := .Paginate .Pages }}
{{ range $p.Pages }}{{ partial "post.html" . }}{{ end }}
<nav>{{ if $p.HasPrev }}<a rel="prev" href="{{ $p.Prev.URL }}">Newer</a>{{ end }}
{{ if $p.HasNext }}<a rel="next" href="{{ $p.Next.URL }}">Older</a>{{ end }}</nav>{{ end }}
`;
const SINGLE = `{{ define "main" }}{{ partial "post.html" . }}{{ end }}
`;
const TERMS = `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
`;

const yamlString = (s: string) => JSON.stringify(s);

/** Writes the Hugo site for the corpus file's posts into `dir`; returns how many posts it holds. */
export function writeHugoSite(dir: string, corpusFile: string): number {
  const layouts = join(dir, 'layouts', '_default');
  mkdirSync(join(dir, 'layouts', 'partials'), { recursive: true });
  mkdirSync(layouts, { recursive: true });
  writeFileSync(join(dir, 'config.toml'), CONFIG);
  writeFileSync(join(layouts, 'baseof.html'), BASEOF);
  writeFileSync(join(layouts, 'list.html'), LIST);
  writeFileSync(join(layouts, 'single.html'), SINGLE);
  writeFileSync(join(layouts, 'terms.html'), TERMS);
  writeFileSync(join(dir, 'layouts', 'partials', 'post.html'), POST);
  mkdirSync(join(dir, 'static'), { recursive: true });
  writeFileSync(join(dir, 'static', 'style.css'), 'body{max-width:40em;margin:auto}\n');
  let n = 0;
  let folder = '';
  for (const line of readFileSync(corpusFile, 'utf8').split('\n')) {
    if (!line) continue;
    const ev = JSON.parse(line) as ChatEvent;
    if (ev.kind !== 'message' && ev.kind !== 'status') continue;
    // A thousand files a folder, as Meshline's permalinks are spread.
    if (n % 1000 === 0) mkdirSync((folder = join(dir, 'content', 'posts', String(n / 1000))), { recursive: true });
    const text = ev.text ?? '';
    const tags = [...text.matchAll(/#(\w+)/g)].map((m) => m[1]!);
    const room = ev.kind === 'message' && ev.room ? [ev.room.id] : [];
    const front = [
      '---',
      `title: ${yamlString(text.slice(0, 50))}`,
      `date: ${new Date(ev.at).toISOString()}`,
      `author: ${yamlString(ev.sender.display ?? ev.sender.id)}`,
      `people: [${yamlString(ev.sender.id.split('@')[0]!)}]`,
      `tags: [${tags.map(yamlString).join(', ')}]`,
      `rooms: [${room.map(yamlString).join(', ')}]`,
      '---',
    ];
    writeFileSync(join(folder, `${n}.md`), `${front.join('\n')}\n${text}\n`);
    n++;
  }
  return n;
}

/** Builds the Hugo site in `dir` into `out` as its own process; its wall time, peak memory and files written. */
export async function runHugo(dir: string, out: string): Promise<{ ms: number; peak: number; files: number }> {
  const run = await runProcess(dir, HUGO, ['--source', dir, '--destination', out, '--quiet', '--noBuildLock']);
  const files = Number(
    (await runProcess(dir, '/usr/bin/find', [out, '-type', 'f'])).out.split('\n').filter(Boolean).length,
  );
  return { ms: run.ms, peak: run.peak, files };
}
