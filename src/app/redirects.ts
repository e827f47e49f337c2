// An old handle's pages: redirects to the person's pages now (static hosting has no 301), kept for every page.
import { archivePagePath, personDir } from '../core/paths.ts';
import type { TimelineMeta, SiteReader } from '../core/views.ts';
import { pageCount } from '../render/plan.ts';
import type { PageRenderer } from '../render/pages.ts';
import type { SiteWriter } from '../site/writer.ts';

/** An old handle's front and archive pages point at the person's pages now; `only`: just that handle's. */
export async function renderRedirects(
  reader: SiteReader,
  pages: PageRenderer,
  writer: SiteWriter,
  only?: string,
): Promise<void> {
  for (const r of await reader.redirects()) {
    if (only !== undefined && r.handle !== only) continue;
    const meta = await reader.timeline(`person:${r.personId}`);
    if (!meta) continue;
    const all = Array.from({ length: pageCount(meta.lastSeq, pages.opts.pageSize) }, (_, i) => i + 1);
    await writeRedirects(pages, meta, personDir(r.handle), all, writer);
  }
}

/** Redirects in an old handle's folder `from` to the person's front page and these archive pages. */
export async function writeRedirects(
  renderer: PageRenderer,
  meta: TimelineMeta,
  from: string,
  pages: readonly number[],
  writer: SiteWriter,
): Promise<void> {
  const heading = renderer.i18n.t('moved.title', { old: from.replace(/^people\/(.*)\/$/, '@$1'), new: meta.title });
  await writer.put(from + 'index.html', renderer.redirect(meta.dir + 'index.html', heading));
  for (const page of pages) {
    await writer.put(archivePagePath(from, page), renderer.redirect(archivePagePath(meta.dir, page), heading));
  }
}
