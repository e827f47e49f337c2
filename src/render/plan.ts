// Which pages of a timeline a change touches. Pages are numbered from the oldest post (DESIGN: stable pages).
import type { TimelineMeta } from '../core/views.ts';
import { archivePagePath } from '../core/paths.ts';
import { pageOf } from '../core/model.ts';

export function pageCount(lastSeq: number, pageSize: number): number {
  return Math.max(1, Math.ceil(lastSeq / pageSize));
}

/**
 * The pages a head render covers: the newest, and every page from the one that was newest before (`hadLast`,
 * 0 when unknown), whose "newer" link a new page changes; at least the one before the newest.
 */
export function headPages(meta: TimelineMeta, pageSize: number, hadLast = 0): number[] {
  const last = pageCount(meta.lastSeq, pageSize);
  const from = Math.max(1, Math.min(hadLast || last, last - 1));
  return Array.from({ length: last - from + 1 }, (_, i) => from + i);
}

export interface Pager {
  newer: string | null;
  older: string | null;
  /** Page numbers to jump to (the current one without a link); a gap is `null`. */
  numbers: ({ n: number; url: string | null } | null)[];
}

/**
 * The numbers an archive page links: the first, three older and one newer. Never more than one newer, so a page
 * changes only when the newest page does, which a head render covers (DESIGN: stable pages).
 */
export function pageNumbers(page: number, last: number, url: (n: number) => string) {
  const around = new Set([1, page - 3, page - 2, page - 1, page, Math.min(page + 1, last)]);
  const list = [...around].filter((n) => n >= 1 && n <= last).sort((a, b) => a - b);
  const out: ({ n: number; url: string | null } | null)[] = [];
  for (const [i, n] of list.entries()) {
    if (i > 0 && n > list[i - 1]! + 1) out.push(null);
    out.push({ n, url: n === page ? null : url(n) });
  }
  return out;
}

export function archivePager(meta: TimelineMeta, page: number, pageSize: number, url: (path: string) => string): Pager {
  const last = pageCount(meta.lastSeq, pageSize);
  return {
    newer: page < last ? url(archivePagePath(meta.dir, page + 1)) : url(meta.dir + 'index.html'),
    older: page > 1 ? url(archivePagePath(meta.dir, page - 1)) : null,
    numbers: pageNumbers(page, last, (n) => url(archivePagePath(meta.dir, n))),
  };
}

/** From the front page, "older" leads to the archive page holding the next post not shown. */
export function indexOlderLink(
  meta: TimelineMeta,
  oldestShownSeq: number,
  pageSize: number,
  url: (path: string) => string,
): string | null {
  return oldestShownSeq > 1 ? url(archivePagePath(meta.dir, pageOf(oldestShownSeq - 1, pageSize))) : null;
}

/** Archive pages in the site that a timeline no longer has (after a renumbering). */
export function stalePages(existing: readonly string[], meta: TimelineMeta, pageSize: number): string[] {
  const last = pageCount(meta.lastSeq, pageSize);
  const prefix = meta.dir + 'page/';
  return existing.filter((p) => {
    const m = /^(\d+)\.html$/.exec(p.slice(prefix.length));
    return p.startsWith(prefix) && m !== null && Number(m[1]) > last;
  });
}

/** The highest archive page a folder has in the manifest, 0 for none. */
export function lastPageOf(paths: readonly string[], dir: string): number {
  let last = 0;
  for (const p of paths) {
    const m = /^(\d+)\.html$/.exec(p.slice(dir.length + 'page/'.length));
    if (m) last = Math.max(last, Number(m[1]));
  }
  return last;
}

/** The files a timeline has in its folder. */
const TIMELINE_FILE = /^(index\.html|feed\.xml|atom\.xml|feed\.json|months\.html|page\/\d+\.html)$/;

export function isTimelineFile(dir: string, path: string): boolean {
  return path.startsWith(dir) && TIMELINE_FILE.test(path.slice(dir.length));
}
