// Each post's card (templates/_post.njk), rendered once a render: a post shows on several timelines, its thread and
// its permalink, and the card is the same on each. A full render walks history in windows (src/app/shared-jobs.ts), so
// the cards kept are the most recent ones: two generations of at most `limit` each, the older dropped whole.
import type { PostView } from '../core/views.ts';
import type { PostModel } from './view.ts';

export type CardModel = { card: string } | (PostModel & { card: string });

export class Cards {
  private current = new Map<string, string>();
  private previous = new Map<string, string>();

  constructor(
    private readonly model: (p: PostView) => PostModel,
    private readonly render: (m: PostModel) => string,
    /** A theme's templates may read more of a post than its card: give them the whole model. */
    private readonly wholeModels: boolean,
    private readonly limit = 5_000,
  ) {}

  /** Forgets every card: posts may have changed since the last render. */
  clear(): void {
    this.current = new Map();
    this.previous = new Map();
  }

  /** What a list of posts (timeline, thread) shows of one: its card, and its model where a theme may want it. */
  forList(p: PostView): CardModel {
    const card = this.get(p);
    if (card !== undefined && !this.wholeModels) return { card };
    return this.withModel(p, card);
  }

  /** A post's model with its card (a permalink's page reads both). */
  withModel(p: PostView, known = this.get(p)): PostModel & { card: string } {
    const m = this.model(p);
    if (known !== undefined) return { ...m, card: known };
    const card = this.render(m);
    // The template's output is a tree of small strings; reading it flattens it in place into one, a third the size.
    card.charCodeAt(0);
    this.current.set(key(p), card);
    if (this.current.size >= this.limit) {
      this.previous = this.current;
      this.current = new Map();
    }
    return { ...m, card };
  }

  private get(p: PostView): string | undefined {
    const k = key(p);
    const hit = this.current.get(k);
    if (hit !== undefined) return hit;
    const old = this.previous.get(k);
    if (old !== undefined) this.current.set(k, old);
    return old;
  }
}

/** A followed site's post has an id of its own table. */
const key = (p: PostView) => (p.origin ? 'r' : 'l') + p.id;
