// Avatars as XMPP clients announce them (XEP-0153): a presence says the hash of the photo in the person's vCard
// (XEP-0054); when it changes, the vCard is fetched and its photo handed on as a data: address. Parsing is pure.
import { xml } from '@xmpp/client';
import type { Element } from '@xmpp/xml';

export const NS_VCARD = 'vcard-temp';
export const NS_VCARD_UPDATE = 'vcard-temp:x:update';

/** The photo hash a presence announces: '' for none; undefined when it says nothing of it. */
export function photoHash(el: Element): string | undefined {
  const x = el.getChild('x', NS_VCARD_UPDATE);
  if (!x) return undefined;
  const photo = x.getChild('photo');
  return photo ? photo.text().trim().toLowerCase() : undefined;
}

/** A vCard's photo as a data: address, or undefined when it has none we can read (an EXTVAL is not fetched). */
export function vcardPhoto(vcard: Element | undefined): string | undefined {
  const photo = vcard?.getChild('PHOTO');
  const type = photo?.getChildText('TYPE')?.trim().toLowerCase();
  const binval = photo?.getChildText('BINVAL')?.replace(/\s+/g, '');
  if (!type || !binval || !/^[a-z]+\/[a-z0-9.+-]+$/.test(type) || !/^[A-Za-z0-9+/]+=*$/.test(binval)) return undefined;
  return `data:${type};base64,${binval}`;
}

type Iq = { request(el: Element, timeout?: number): Promise<Element> };

/** Per contact, the last hash seen: a vCard is fetched once per change, not on every presence. */
export class VcardAvatars {
  private readonly hashes = new Map<string, string>();

  /** The avatar a presence brings news of: undefined when none (nothing to say), null when they have none. */
  async fromPresence(who: string, el: Element, iq: Iq): Promise<{ url: string } | null | undefined> {
    const hash = photoHash(el);
    if (hash === undefined || this.hashes.get(who) === hash) return undefined;
    this.hashes.set(who, hash);
    if (!hash) return null;
    const res = await iq.request(xml('iq', { type: 'get', to: who }, xml('vCard', { xmlns: NS_VCARD })), 15_000);
    const url = vcardPhoto(res.getChild('vCard', NS_VCARD));
    return url ? { url } : null;
  }
}
