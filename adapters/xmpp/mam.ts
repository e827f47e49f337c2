// Message archives (XEP-0313) of rooms: after a disconnect, what was said meanwhile is fetched, page by page.
import { xml, type Element } from '@xmpp/xml';

export const MAM = 'urn:xmpp:mam:2';
const RSM = 'http://jabber.org/protocol/rsm';
const FORWARD = 'urn:xmpp:forward:0';

/**
 * A page of the archive after `after` (a stanza-id); "" pages from the archive's start; undefined asks for the
 * newest single entry (to start a cursor).
 */
export function mamQuery(room: string, queryId: string, after: string | undefined, max = 100): Element {
  const set =
    after === undefined
      ? xml('set', { xmlns: RSM }, xml('max', {}, '1'), xml('before'))
      : xml('set', { xmlns: RSM }, xml('max', {}, String(max)), ...(after ? [xml('after', {}, after)] : []));
  return xml('iq', { type: 'set', to: room, id: queryId }, xml('query', { xmlns: MAM, queryid: queryId }, set));
}

/** An archived message: the wrapper says its archive id; the forwarded part is the message as the room sent it. */
export function mamResult(el: Element): { queryId: string; id: string; message: Element; at?: number } | null {
  const result = el.getChild('result', MAM);
  const forwarded = result?.getChild('forwarded', FORWARD);
  const message = forwarded?.getChild('message');
  if (!result?.attrs.id || !message) return null;
  const stamp = forwarded!.getChild('delay', 'urn:xmpp:delay')?.attrs.stamp;
  const at = stamp ? Date.parse(stamp) : NaN;
  return { queryId: result.attrs.queryid ?? '', id: result.attrs.id, message, ...(Number.isFinite(at) ? { at } : {}) };
}

/** The end of a page: whether the archive has more, and the cursor to ask after. */
export function mamFin(iq: Element): { complete: boolean; last?: string } {
  const fin = iq.getChild('fin', MAM);
  const last = fin?.getChild('set', RSM)?.getChildText('last') ?? undefined;
  return { complete: fin?.attrs.complete === 'true' || !last, ...(last ? { last } : {}) };
}
