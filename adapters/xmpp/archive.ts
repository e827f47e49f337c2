// Catching up a room from its archive (MAM), page by page, with a cursor kept in the adapter's durable state.
import type { Element } from '@xmpp/xml';
import type { AdapterSink } from '../../src/core/types.ts';
import { mamFin, mamQuery, type mamResult } from './mam.ts';

type Result = NonNullable<ReturnType<typeof mamResult>>;

export interface CatchUpDeps {
  iq: { request(el: Element, timeout?: number): Promise<Element> };
  sink: Pick<AdapterSink, 'loadState' | 'saveState'>;
  /** Where the connection files archive results by query id while a page is in flight. */
  pages: Map<string, (Result | null)[]>;
  store(message: Element, at: number | undefined): Promise<void>;
}

/**
 * Everything the archive holds after the room's cursor, stored in order; the cursor moves after each message.
 * A room seen for the first time only gets a cursor: what was said before we were asked in is not ours.
 * (The cursor "" means: from the archive's start, for a room whose archive was empty when we came.)
 */
export async function catchUpRoom(room: string, d: CatchUpDeps): Promise<number> {
  const key = `mam:${room}`;
  const saved = await d.sink.loadState(key);
  let after = saved;
  let fetched = 0;
  for (let page = 0; page < 10_000; page++) {
    const queryId = `mam-${Date.now().toString(36)}-${page}`;
    const received: (Result | null)[] = [];
    d.pages.set(queryId, received);
    let fin: ReturnType<typeof mamFin>;
    try {
      fin = mamFin(await d.iq.request(mamQuery(room, queryId, after, saved === undefined ? 1 : 100), 30_000));
    } finally {
      d.pages.delete(queryId);
    }
    const results = received.filter((r): r is Result => r !== null);
    if (saved === undefined) {
      await d.sink.saveState(key, results.at(-1)?.id ?? '');
      return 0;
    }
    for (const r of results) {
      await d.store(r.message, r.at);
      await d.sink.saveState(key, r.id);
      fetched++;
    }
    if (fin.complete || !fin.last) break;
    after = fin.last;
  }
  return fetched;
}
