// Conversation pages (`threads/<root>.html`): a thread's posts in reading order. A page exists while its first post
// has replies; a target for a root with none removes it.
import { THREAD_DIR, threadPath } from '../core/paths.ts';
import type { RenderStore } from '../core/jobs.ts';
import type { PageRenderer } from '../render/pages.ts';
import type { SiteWriter } from '../site/writer.ts';

interface ThreadContext {
  writer: SiteWriter;
  pages: PageRenderer;
  store: Pick<RenderStore, 'reader' | 'manifestPathsUnder'>;
}

export async function renderThreads(ctx: ThreadContext, roots: Iterable<number>): Promise<void> {
  for (const root of new Set(roots)) {
    const posts = await ctx.store.reader.thread(root);
    const path = threadPath(root);
    if (posts.length) await ctx.writer.put(path, ctx.pages.threadPage(root, posts));
    else for (const p of await ctx.store.manifestPathsUnder(path)) if (p === path) await ctx.writer.remove(p);
  }
}

/** Every conversation's page (a full render), and none the site no longer has. */
export async function renderAllThreads(ctx: ThreadContext): Promise<void> {
  const roots = await ctx.store.reader.threadRoots();
  const keep = new Set(roots.map(threadPath));
  for (const p of await ctx.store.manifestPathsUnder(THREAD_DIR)) if (!keep.has(p)) await ctx.writer.remove(p);
  await renderThreads(ctx, roots);
}
