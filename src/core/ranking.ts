// How the sorted views order posts (README, "Sorts"). Pure; `now` is given (the timeline's newest post's time, so the
// same database always gives the same pages).

export type Sort = 'hot' | 'best' | 'worst' | 'controversial';
export const SORTS: readonly Sort[] = ['hot', 'best', 'worst', 'controversial'];

export interface Scored {
  id: number;
  at: number;
  stars: number;
  up: number;
  down: number;
  echoes: number;
}

/** Points: up votes, stars and echoes count for a post, down votes against it. */
export const points = (s: Scored) => s.up + s.stars + s.echoes - s.down;

/** Hot: points over (age in hours + 2) to the power 1.5, so new posts with a few points outrank old ones with many. */
export function hot(s: Scored, now: number): number {
  const hours = Math.max(0, now - s.at) / 3_600_000;
  return points(s) / (hours + 2) ** 1.5;
}

/**
 * The lower bound of the Wilson score interval (95%) for the share of `k` in `n`: how good a post surely is, given
 * how few voted. 0 with no votes.
 */
export function wilsonLower(k: number, n: number, z = 1.959964): number {
  if (n === 0) return 0;
  const p = k / n;
  const z2 = z * z;
  return (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p) + z2 / (4 * n)) / n)) / (1 + z2 / n);
}

/** Best: Wilson's lower bound of the up share; Worst: of the down share. */
export const best = (s: Scored) => wilsonLower(s.up, s.up + s.down);
export const worst = (s: Scored) => wilsonLower(s.down, s.up + s.down);

/** Controversial: many votes, evenly split: (up + down) to the power of min / max; 0 unless both sides voted. */
export function controversial(s: Scored): number {
  if (s.up === 0 || s.down === 0) return 0;
  return (s.up + s.down) ** (Math.min(s.up, s.down) / Math.max(s.up, s.down));
}

/** Orders posts for a sort: by its score, then newest first (so posts nobody voted on keep their recent order). */
export function rank(posts: readonly Scored[], sort: Sort, now: number): Scored[] {
  const score =
    sort === 'hot' ? (s: Scored) => hot(s, now) : sort === 'best' ? best : sort === 'worst' ? worst : controversial;
  return posts
    .map((p) => ({ p, s: score(p) }))
    .sort((a, b) => b.s - a.s || b.p.at - a.p.at || b.p.id - a.p.id)
    .map((x) => x.p);
}
