// How people are shown: the initials an avatar falls back to, a colour of their own, their networks' names. Pure.
import { isAscii, TextPattern } from '../core/ascii-twin.ts';

const LETTER_OR_DIGIT = new TextPattern(String.raw`[\p{L}\p{N}]`, 'u');

/** Up to two letters: the first of a name's first and last words, whole graphemes, upper-cased where they have case. */
export function initialsOf(name: string): string {
  const words = name.split(/[\s\-_.]+/u).filter((w) => LETTER_OR_DIGIT.for(w).test(w));
  // An ASCII name's graphemes are its characters, and its upper case is the same in every language: no segmenter is
  // made (ICU's first is ~20 ms of a process). Others are cut into graphemes.
  const ascii = isAscii(name);
  const seg = ascii ? undefined : new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  // A word's first letter or digit: "<script>" gives S, "(Bob)" gives B.
  const first = (w: string | undefined) => {
    if (!w) return '';
    if (!seg) return /[A-Za-z0-9]/.exec(w)?.[0] ?? '';
    return [...seg.segment(w)].find((g) => LETTER_OR_DIGIT.for(g.segment).test(g.segment))?.segment ?? '';
  };
  const picked = words.length > 1 ? first(words[0]) + first(words[words.length - 1]) : first(words[0]);
  return (ascii ? picked.toUpperCase() : picked.toLocaleUpperCase()) || '?';
}

/** A hue (0–359) from a handle: the same person, the same colour, on every site render. */
export function hueOf(handle: string): number {
  let h = 0;
  for (const c of handle) h = (h * 31 + c.codePointAt(0)!) % 360;
  return h;
}

import { networkLabel } from '../core/networks.ts';
import type { ProfileView } from '../core/views.ts';
import type { Translator } from './i18n.ts';
import type { PostFormatter } from './view.ts';

export { networkLabel };

/** What a person's front page shows of them (timeline.njk's profile), and what link previews say. */
export function profileContext(p: ProfileView, fmt: PostFormatter, i18n: Translator) {
  return {
    profile: {
      ...p,
      avatarUrl: p.avatar && fmt.url(p.avatar),
      initials: initialsOf(p.name),
      hue: hueOf(p.handle),
      postsLabel: i18n.t('list.posts', { n: p.posts }),
      sinceIso: new Date(p.since).toISOString(),
      sinceLabel: fmt.displayDay(p.since),
      identities: p.identities.map((x) => ({ label: networkLabel(x.network), id: x.id })),
    },
    ...(p.bio ? { description: p.bio } : {}),
    ...(p.avatar ? { image: { url: fmt.url(p.avatar, true), alt: p.name } } : {}),
  };
}
