import { pageOf, type RenderTarget, type TimelineKey } from './model.ts';
import type { PostChanges, PostPlacement } from './ports.ts';
import { DOC_BUCKET, searchTerms, shardOf } from './search-terms.ts';

/** Render targets for posts placed on (or removed from) timelines: each timeline's head and the pages holding them. */
export function targetsForPlacements(placements: readonly PostPlacement[], pageSize: number): RenderTarget[] {
  const out: RenderTarget[] = [];
  const heads = new Set<TimelineKey>();
  const pages = new Set<string>();
  for (const { timeline, seq } of placements) {
    if (!heads.has(timeline)) {
      heads.add(timeline);
      out.push({ kind: 'head', timeline });
    }
    const page = pageOf(seq, pageSize);
    const k = `${timeline}#${page}`;
    if (!pages.has(k)) {
      pages.add(k);
      out.push({ kind: 'page', timeline, page });
    }
  }
  return out;
}

/** What a person's page, posts and the posts that mention them need when they change or go. */
export function targetsForChanges(changes: PostChanges, pageSize: number): RenderTarget[] {
  return [
    ...changes.postIds.map((id) => ({ kind: 'post', id }) as const),
    ...targetsForPlacements(changes.placements, pageSize),
  ];
}

/** The search index's parts a post's text is in (its terms' shards, its summary's bucket). */
export function searchTargets(postId: number, ...texts: string[]): RenderTarget[] {
  const shards = new Set(texts.flatMap((t) => searchTerms(t).map(shardOf)));
  return [
    ...[...shards].map((shard) => ({ kind: 'search', shard }) as const),
    { kind: 'search-docs', bucket: Math.floor(postId / DOC_BUCKET) },
  ];
}

/** The sorted views of the timelines a post is on (they change with its stars, votes and echoes). */
export function sortedTargets(placements: readonly PostPlacement[]): RenderTarget[] {
  return [...new Set(placements.map((p) => p.timeline))].map((timeline) => ({ kind: 'sorted', timeline }));
}

/** Followed posts' pages; and home, whose link to the mesh timeline comes and goes with them. */
export function meshRenders(pageSize: number): (placements: PostPlacement[]) => RenderTarget[] {
  return (p) => {
    const targets = targetsForPlacements(p, pageSize);
    if (p.some((x) => x.timeline === 'mesh') && !p.some((x) => x.timeline === 'home'))
      targets.push({ kind: 'head', timeline: 'home' });
    return targets;
  };
}

/** Posts per sitemap file: far under the protocol's 50,000, so a new post's file stays near 100 KB. */
export const SITEMAP_CHUNK = 1000;

export const sitemapTarget = (postId: number): RenderTarget => ({
  kind: 'sitemap',
  chunk: Math.floor(postId / SITEMAP_CHUNK),
});
