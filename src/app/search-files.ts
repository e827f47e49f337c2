// The search index the site publishes (README "Search"): shards of terms (`search/t/<hex prefix>.json`: term → post
// ids, newest first), buckets of posts' summaries (`search/d/<n>.json`), the page and its script. A new post changes
// the shards of its words and one bucket; nothing else. No server: the reader's browser fetches what a query needs.
import { DOC_BUCKET, docFile, shardFile, shardOf } from '../core/search-terms.ts';
import { permalinkPath } from '../core/paths.ts';
import type { RenderStore } from '../core/jobs.ts';
import type { RenderTarget } from '../core/model.ts';
import type { Failures } from './failures.ts';
import type { PageRenderer } from '../render/pages.ts';
import type { SiteWriter } from '../site/writer.ts';

type Store = Pick<RenderStore, 'reader' | 'manifestPathsUnder'>;

/** A file that was published goes; one that never was is not deleted from the target for nothing. */
async function removeIfThere(store: Store, writer: SiteWriter, path: string): Promise<void> {
  if ((await store.manifestPathsUnder(path)).includes(path)) await writer.remove(path);
}

export async function renderShard(store: Store, writer: SiteWriter, prefix: string): Promise<void> {
  const terms = await store.reader.searchShard(prefix);
  const path = shardFile(prefix);
  if (!terms.size) return removeIfThere(store, writer, path);
  await writer.put(path, `${JSON.stringify({ terms: Object.fromEntries(terms) })}\n`);
}

/** A bucket's summaries: address, author, handle, time and the start of the text, for results to show as text. */
export async function renderDocs(store: Store, pages: PageRenderer, writer: SiteWriter, bucket: number): Promise<void> {
  const ids = Array.from({ length: DOC_BUCKET }, (_, i) => bucket * DOC_BUCKET + i).filter((id) => id > 0);
  const posts = await store.reader.searchDocs(ids);
  const path = docFile(bucket);
  if (!posts.length) return removeIfThere(store, writer, path);
  const docs = Object.fromEntries(
    posts.map((p) => [
      p.id,
      [
        pages.fmt.url(permalinkPath(p.id, p.slug)),
        p.author.name,
        p.author.handle,
        new Date(p.at).toISOString(),
        p.text.slice(0, 280),
      ],
    ]),
  );
  await writer.put(path, `${JSON.stringify(docs)}\n`);
}

/** The terms read per query when every shard is written. */
const LISTS_PER_READ = 2000;

/**
 * Writes every shard from the lists searchParts made, read in term order a few thousand at a time (a shard's terms are
 * consecutive in that order): a query or two per shard was a thousand and more on a new site. Returns the shards
 * written.
 */
export async function writeAllShards(
  store: Store,
  writer: Pick<SiteWriter, 'put'>,
  perRead = LISTS_PER_READ,
): Promise<Set<string>> {
  const written = new Set<string>();
  let terms = new Map<string, number[]>();
  let prefix = '';
  const emit = async () => {
    if (!terms.size) return;
    await writer.put(shardFile(prefix), `${JSON.stringify({ terms: Object.fromEntries(terms) })}\n`);
    written.add(prefix);
    terms = new Map();
  };
  for (let after = ''; ; ) {
    const lists = await store.reader.searchLists(after, perRead);
    for (const [term, ids] of lists) {
      const of = shardOf(term);
      if (of !== prefix) await emit();
      prefix = of;
      terms.set(term, ids);
    }
    if (lists.length < perRead) break;
    after = lists[lists.length - 1]![0];
  }
  await emit();
  return written;
}

/** The page, the script, every shard and bucket; and what the index no longer has goes. */
export async function renderSearchAll(store: Store, pages: PageRenderer, writer: SiteWriter): Promise<void> {
  const { shards, buckets } = await store.reader.searchParts();
  const written = await writeAllShards(store, writer);
  const keep = new Set<string>();
  for (const prefix of written) keep.add(shardFile(prefix));
  // A shard whose every term finds only hidden posts has no list: its own render removes its file.
  for (const prefix of shards) {
    if (written.has(prefix)) continue;
    await renderShard(store, writer, prefix);
    keep.add(shardFile(prefix));
  }
  for (const bucket of buckets) {
    await renderDocs(store, pages, writer, bucket);
    keep.add(docFile(bucket));
  }
  await writer.put(pages.search.path, pages.search.content);
  await writer.put('search/index.html', pages.searchPage());
  for (const path of await store.manifestPathsUnder('search/'))
    if (!keep.has(path) && path !== 'search/index.html') await writer.remove(path);
}

/** The parts of the index that render targets ask for (all of it after a forget). */
export async function renderSearchTargets(
  targets: readonly RenderTarget[],
  store: Store,
  pages: PageRenderer,
  writer: SiteWriter,
  failures: Failures,
): Promise<void> {
  if (targets.some((t) => t.kind === 'search-all'))
    return failures.guard('search/', () => renderSearchAll(store, pages, writer));
  for (const t of targets) {
    if (t.kind === 'search') await failures.guard(`search ${t.shard}`, () => renderShard(store, writer, t.shard));
    if (t.kind === 'search-docs')
      await failures.guard(`search ${t.bucket}`, () => renderDocs(store, pages, writer, t.bucket));
  }
}
