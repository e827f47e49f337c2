// Benchmark: the site's own search index against Pagefind (npm `pagefind`) on the same synthetic site. For each:
// time and peak memory to index every post, files and bytes of the index, and the files a new post changes (what a
// publish uploads). Pagefind indexes the permalink pages (posts/*.html), run as its binary so its own memory is
// measured; ours is timed as the render of the whole index (`search-all`). Prints medians; asserts nothing.
// Usage: npm run bench:search -- [--posts 100000] [--runs 3]
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { openApp, renderSite } from '../src/app/context.ts';
import { importFile } from '../src/cli/import.ts';
import { Ingest } from '../src/core/ingest.ts';
import { setLogLevel } from '../src/log.ts';
import { extraPost } from './corpus.ts';
import { loadLine, measure, median, runCli, runProcess, siteFolder, writeCorpus } from './lib.ts';

setLogLevel('warn');
const { values } = parseArgs({
  options: { posts: { type: 'string', default: '100000' }, runs: { type: 'string', default: '3' } },
});
const POSTS = Number(values.posts);
const RUNS = Number(values.runs);

function pagefindBinary(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('@pagefind/linux-x64/package.json');
    const bin = join(dirname(pkg), 'bin', 'pagefind_extended');
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/** Every file under `dir` with its content hash. */
function hashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    out.set(relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
  }
  return out;
}

const bytesOf = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((n, e) => n + readFileSync(join(e.parentPath, e.name)).length, 0);

/** Files added, changed or gone between two listings: what a publish sends. */
function changed(before: Map<string, string>, after: Map<string, string>): number {
  let n = 0;
  for (const [path, hash] of after) if (before.get(path) !== hash) n++;
  for (const path of before.keys()) if (!after.has(path)) n++;
  return n;
}

const bin = pagefindBinary();
const rows: Record<string, number[]> = {};
const note = (k: string, v: number) => (rows[k] ??= []).push(v);
const scratch = mkdtempSync(join(tmpdir(), 'meshline-bench-search-'));
const file = join(scratch, 'corpus.jsonl');
await writeCorpus(file, POSTS);
process.stdout.write(`${POSTS} posts, ${RUNS} runs, Pagefind: ${bin ? 'yes' : 'not installed (npm ci)'}\n`);
process.stdout.write(loadLine());

for (let run = 1; run <= RUNS; run++) {
  const dir = join(scratch, `run${run}`);
  const app = await openApp(await siteFolder(dir));
  await importFile(app, file, { enableRooms: true });
  await app.close();
  await runCli(dir, ['render', '--full']);
  const out = join(dir, 'output');
  const ours = join(out, 'search');
  const app2 = await openApp(await siteFolder(dir));
  await app2.store.write((tx) => tx.queueRender([{ kind: 'search-all' }]));
  const index = await measure(() => renderSite(app2));
  note('own: index all s', index.ms / 1000);
  note('own: peak RSS MB', index.peak / 1048576);
  const oursBefore = hashes(ours);
  note('own: index files', oursBefore.size);
  note('own: index MB', bytesOf(ours) / 1048576);
  const pf = join(dir, 'pagefind');
  const pagefind = () => runProcess(dir, bin!, ['--site', out, '--glob', 'posts/*.html', '--output-path', pf, '-q']);
  if (bin) {
    const first = await pagefind();
    note('pagefind: index all s', first.ms / 1000);
    note('pagefind: peak RSS MB', first.peak / 1048576);
    note('pagefind: index files', hashes(pf).size);
    note('pagefind: index MB', bytesOf(pf) / 1048576);
  }
  const pfBefore = hashes(pf);
  const ingest = new Ingest(app2.store, app2.rules());
  await ingest.handle(extraPost(run, 0));
  const inc = await measure(() => renderSite(app2));
  note('own: new post render ms (whole)', inc.ms);
  note('own: new post index files', changed(oursBefore, hashes(ours)));
  await app2.close();
  if (bin) {
    const again = await pagefind();
    note('pagefind: new post reindex s', again.ms / 1000);
    note('pagefind: new post index files', changed(pfBefore, hashes(pf)));
  }
  process.stdout.write(`run ${run} done\n`);
}
process.stdout.write('\nmedian over runs:\n');
for (const [k, xs] of Object.entries(rows)) process.stdout.write(`  ${k.padEnd(34)} ${median(xs).toFixed(2)}\n`);
rmSync(scratch, { recursive: true, force: true });
