// Each post's card (templates/_post.njk), rendered once a render: a post shows on several timelines, its thread and
// its permalink, and the card is the same on each. A full render keeps them all on a shelf the render's threads share
// (src/app/card-file.ts); otherwise the cards kept are the most recent ones: two generations of at most `limit` each,
// the older dropped whole.
import type { PostView } from '../core/views.ts';
import type { PostModel } from './view.ts';

export type CardModel = { card: string } | (PostModel & { card: string });

/** Where a full render keeps the cards of this site's posts, by post id. */
export interface CardShelf {
  get(id: number): string | undefined;
  put(id: number, card: string): void;
}

export class Cards {
  private current = new Map<string, string>();
  private previous = new Map<string, string>();
  private shelf: CardShelf | undefined;

  constructor(
    private readonly model: (p: PostView) => PostModel,
    private readonly render: (m: PostModel) => string,
    /** A theme's templates may read more of a post than its card: give them the whole model. */
    readonly wholeModels: boolean,
    private readonly limit = 5_000,
  ) {}

  /** Forgets every card: posts may have changed since the last render. `shelf`: where this render keeps them. */
  clear(shelf?: CardShelf): void {
    this.current = new Map();
    this.previous = new Map();
    this.shelf = shelf;
  }

  /** The card of one of this site's posts, if this render has rendered it and still has it. */
  known(id: number): string | undefined {
    return this.wholeModels ? undefined : this.get(false, id);
  }

  /** What a list of posts (timeline, thread) shows of one: its card, and its model where a theme may want it. */
  forList(p: PostView | { card: string }): CardModel {
    if ('card' in p) return p;
    const card = this.get(!!p.origin, p.id);
    if (card !== undefined && !this.wholeModels) return { card };
    return this.withModel(p, card);
  }

  /** A post's model with its card (a permalink's page reads both). */
  withModel(p: PostView, known = this.get(!!p.origin, p.id)): PostModel & { card: string } {
    // A model is made for this call alone: the card goes on it, not on a copy of its thirty fields.
    const m = this.model(p) as PostModel & { card: string };
    if (known !== undefined) {
      m.card = known;
      return m;
    }
    const card = this.render(m);
    // The template's output is a tree of small strings; reading it flattens it in place into one, a third the size.
    card.charCodeAt(0);
    this.keep(!!p.origin, p.id, card);
    m.card = card;
    return m;
  }

  private keep(remote: boolean, id: number, card: string): void {
    if (this.shelf && !remote) {
      this.shelf.put(id, card);
      return;
    }
    this.current.set((remote ? 'r' : 'l') + id, card);
    if (this.current.size >= this.limit) {
      this.previous = this.current;
      this.current = new Map();
    }
  }

  /** A followed site's post has an id of its own table. */
  private get(remote: boolean, id: number): string | undefined {
    if (this.shelf && !remote) return this.shelf.get(id);
    const k = (remote ? 'r' : 'l') + id;
    const hit = this.current.get(k);
    if (hit !== undefined) return hit;
    const old = this.previous.get(k);
    if (old !== undefined) this.current.set(k, old);
    return old;
  }
}
