// A timeline's sorted views (README "Sorts"): Hot, Best, Worst and Controversial orders of the posts someone starred,
// voted on or echoed, as static pages under the timeline's folder. Each view keeps its first site.sortPages pages.
import type { TimelineMeta } from '../core/views.ts';
import type { RenderStore } from '../core/jobs.ts';
import { rank, SORTS, type Scored } from '../core/ranking.ts';
import type { PageRenderer } from '../render/pages.ts';
import type { SiteWriter } from '../site/writer.ts';

/** Where a sort's page lives: `<dir><sort>/index.html`, then `<dir><sort>/2.html`… */
export function sortedPath(dir: string, sort: string, page: number): string {
  return `${dir}${sort}/${page === 1 ? 'index' : page}.html`;
}

export async function renderSorted(
  meta: TimelineMeta | undefined,
  dir: string,
  store: Pick<RenderStore, 'reader' | 'manifestPathsUnder'>,
  pages: PageRenderer,
  writer: SiteWriter,
  maxPages: number,
): Promise<void> {
  const views = meta ? await store.reader.rankable(meta.key) : [];
  const keep = new Set<string>();
  if (meta && views.length) {
    const byId = new Map(views.map((v) => [v.id, v]));
    const scored: Scored[] = views.map((v) => ({
      id: v.id,
      at: v.at,
      ...(v.score ?? { stars: 0, up: 0, down: 0, echoes: 0 }),
    }));
    // Now is the newest post's time, not the clock's: the same database gives the same pages.
    const now = Math.max(...views.map((v) => v.at));
    const size = pages.opts.pageSize;
    for (const sort of SORTS) {
      const ordered = rank(scored, sort, now).slice(0, maxPages * size);
      const count = Math.max(1, Math.ceil(ordered.length / size));
      for (let page = 1; page <= count; page++) {
        const path = sortedPath(meta.dir, sort, page);
        keep.add(path);
        const slice = ordered.slice((page - 1) * size, page * size).map((s) => byId.get(s.id)!);
        await writer.put(path, pages.sortedPage(meta, sort, page, count, slice));
      }
    }
  }
  for (const sort of SORTS)
    for (const path of await store.manifestPathsUnder(`${dir}${sort}/`)) if (!keep.has(path)) await writer.remove(path);
}
