// Benchmark: import a synthetic corpus, render it all, then add one post and render again; with --vs-hugo, Debian's
// Hugo builds the same corpus in the same run (bench/hugo.ts). Prints figures (medians over --runs); asserts nothing.
// Usage: npm run bench -- [--posts 100000 | --sizes 10000,100000,1000000] [--runs 3] [--vs-hugo]
// With --sizes, each size in turn, then the curve: what one new post costs as the site grows.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openApp, renderSite } from '../src/app/context.ts';
import { importFile } from '../src/cli/import.ts';
import { Ingest } from '../src/core/ingest.ts';
import { setLogLevel } from '../src/log.ts';
import { extraPost } from './corpus.ts';
import { hasHugo, HUGO, runHugo, writeHugoSite } from './hugo.ts';
import { loadLine, mb, measure, median, runCli, siteFolder, writeCorpus } from './lib.ts';

setLogLevel('warn');
const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '100000' },
    sizes: { type: 'string' },
    runs: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
    'vs-hugo': { type: 'boolean', default: false },
  },
});
const SIZES = (values.sizes ?? values.posts).split(',').map(Number);
const RUNS = Number(values.runs);
const curve = new Map<number, Record<string, number[]>>();
const scratch = mkdtempSync(join(tmpdir(), 'meshline-bench-'));
for (const size of SIZES) curve.set(size, await benchSize(size));
if (SIZES.length > 1) {
  const columns: [string, string][] = [
    ['full render s', 'full render s'],
    ['full render peak RSS MB', 'its peak MB'],
    ['one new post: render ms', 'new post ms'],
    ['one new post: files written', 'its files'],
    ['its batch (search, sitemap): ms', 'its batch ms'],
    ['one new post: import+render processes ms', 'processes ms'],
  ];
  const line = (first: string, cells: string[]) =>
    `  ${first.padEnd(10)}${cells.map((c) => c.padStart(15)).join('')}\n`;
  process.stdout.write(
    `\nthe curve (medians):\n${line(
      'posts',
      columns.map(([, label]) => label),
    )}`,
  );
  for (const [size, rows] of curve)
    process.stdout.write(
      line(
        String(size),
        columns.map(([k]) => cell(k, rows[k] ?? [Number.NaN])),
      ),
    );
}
if (!values.keep) rmSync(scratch, { recursive: true, force: true });

/**
 * Each timed step starts on a disk at rest: what the step before wrote (a full render's 110,000 files, Hugo's 130,000)
 * is flushed first, or the kernel's writing it back slows the next step's files (a new post's first two process runs
 * took 1.2-1.3 s in its shadow, the next three 0.95-1.0 s), and Hugo's build would meet Meshline's writes.
 */
function settle(): void {
  execFileSync('sync');
}

function cell(k: string, xs: number[]): string {
  // Ratios to a tenth of a percent: an aim of 0.25x is told from 0.254x.
  if (k.includes('×100')) return median(xs).toFixed(1);
  return median(xs).toFixed(k.endsWith('s') && !k.includes('/') && !k.includes('written') ? 2 : 0);
}

async function benchSize(POSTS: number): Promise<Record<string, number[]>> {
  const rows: Record<string, number[]> = {};
  const note = (k: string, v: number) => (rows[k] ??= []).push(v);
  const file = join(scratch, `corpus-${POSTS}.jsonl`);
  const events = await writeCorpus(file, POSTS);
  process.stdout.write(`corpus: ${events} events (${POSTS} posts), ${RUNS} runs, node ${process.version}\n`);
  process.stdout.write(loadLine());
  // Hugo held 4 GB at 100,000 posts and grows with the site: past 200,000 it would not fit these machines.
  const hugoSite = values['vs-hugo'] && POSTS <= 200_000 ? join(scratch, `hugo-${POSTS}`) : undefined;
  if (values['vs-hugo'] && !hugoSite) process.stdout.write('hugo: not run above 200,000 posts\n');
  if (hugoSite) {
    if (!hasHugo()) throw new Error(`--vs-hugo needs Hugo at ${HUGO} (Debian's hugo package)`);
    process.stdout.write(`hugo site: ${writeHugoSite(hugoSite, file)} posts\n`);
  }

  for (let run = 1; run <= RUNS; run++) {
    const dir = join(scratch, `${POSTS}-run${run}`);
    const app = await openApp(await siteFolder(dir));
    const imp = await measure(() => importFile(app, file, { enableRooms: true }));
    note('import events/s', Math.round(events / (imp.ms / 1000)));
    note('import peak RSS MB', imp.peak / 1048576);
    // The full render runs as the real command in its own process, so its memory is its own.
    await app.close();
    settle();
    const full = await runCli(dir, ['render', '--full']);
    note('full render s', full.ms / 1000);
    note('full render peak RSS MB', full.peak / 1048576);
    note('full render files written', Number(/(\d+) written/.exec(full.out)?.[1] ?? NaN));
    if (hugoSite) {
      // Interleaved with Meshline's, into a new folder, so both meet the same machine and disk.
      settle();
      const hugo = await runHugo(hugoSite, join(dir, 'hugo-public'));
      note('hugo: build s', hugo.ms / 1000);
      note('hugo: peak RSS MB', hugo.peak / 1048576);
      note('hugo: files written', hugo.files);
      note('meshline / hugo: time ×100', (100 * full.ms) / hugo.ms);
      note('meshline / hugo: peak memory ×100', (100 * full.peak) / hugo.peak);
    }
    // The search index (issue 16): its files and size.
    const index = readdirSync(join(dir, 'output', 'search'), { recursive: true, withFileTypes: true }).filter((e) =>
      e.isFile(),
    );
    note('search index files', index.length);
    note('search index MB', index.reduce((n, e) => n + statSync(join(e.parentPath, e.name)).size, 0) / 1048576);
    settle();
    const app2 = await openApp(await siteFolder(dir));
    const ingest = new Ingest(app2.store, app2.rules());
    for (let i = 0; i < 5; i++) {
      await ingest.handle(extraPost(run, i));
      const inc = await measure(() => renderSite(app2));
      note('one new post: render ms', inc.ms);
      note('one new post: files written', inc.value.written);
      // Its share of the search index and sitemap, due site.batchSeconds later: one post alone in its batch here.
      const batch = await measure(() => renderSite(app2, { retryNow: true }));
      note('its batch (search, sitemap): ms', batch.ms);
      note('its batch: files written', batch.value.written);
    }
    // Votes: people of the corpus vote on posts spread over the site, each vote rendered on its own (issue 16).
    const posts = (await app2.store.counts()).posts;
    for (let i = 0; i < 10; i++) {
      const voter = { id: `user${(i * 37 + 11) % 500}@example.org`, display: 'Voter', verified: true };
      const target = ((i * 7919) % posts) + 1;
      await ingest.handle({
        kind: 'direct',
        network: 'bench',
        account: 'bot',
        sender: voter,
        at: Date.now(),
        text: `up ${target}`,
      });
      const vote = await measure(() => renderSite(app2));
      note('one vote: render ms', vote.ms);
      note('one vote: files written', vote.value.written);
    }
    await app2.close();
    // Whole processes, as an operator or a cron job runs them: start-up, and one new post by `import` + `render`.
    for (let i = 0; i < 5; i++) {
      note('start-up: --version ms', (await runCli(dir, ['--version'])).ms);
      note('start-up: render, nothing to do ms', (await runCli(dir, ['render'])).ms);
      const one = join(dir, `one-${i}.jsonl`);
      writeFileSync(one, `${JSON.stringify(extraPost(run, i, 'process'))}\n`);
      const imported = await runCli(dir, ['import', one]);
      const rendered = await runCli(dir, ['render']);
      note('one new post: import+render processes ms', imported.ms + rendered.ms);
      note('one new post as processes: files written', Number(/(\d+) written/.exec(rendered.out)?.[1] ?? NaN));
    }
    const incremental = rows['one new post: render ms']!.slice(-5).map(Math.round).join('/');
    const processes = rows['one new post: import+render processes ms']!.slice(-5).map(Math.round).join('/');
    const processFiles = rows['one new post as processes: files written']!.slice(-5).join('/');
    const hugoMs = hugoSite ? `, hugo ${Math.round(rows['hugo: build s']!.at(-1)! * 1000)} ms` : '';
    process.stdout.write(
      `run ${run}: import ${Math.round(imp.ms)} ms, full render ${Math.round(full.ms)} ms (peak ${mb(full.peak)})` +
        `${hugoMs}, incremental ${incremental} ms, import+render processes ${processes} ms (${processFiles} files)\n`,
    );
    // Run folders are removed at the end: deleting 100,000 files keeps the disk busy into the next run.
  }
  process.stdout.write(`\nmedian over runs (${POSTS} posts):\n`);
  for (const [k, xs] of Object.entries(rows)) process.stdout.write(`  ${k.padEnd(30)} ${cell(k, xs)}\n`);
  return rows;
}
