// The bot's replies in the site's language (site.lang): the English text is the key, with `{name}` placeholders;
// src/core/replies/<lang>.ts hold the translations; anything without one is said in English. Pure.
import { DE } from './replies/de.ts';
import { JA } from './replies/ja.ts';

export type Replies = Readonly<Record<string, string>>;

/** A text to say later, in whatever language: its English (the key) and what fills its placeholders. */
export interface Said {
  say: string;
  vars: Record<string, string | number>;
}
export const REPLIES: Readonly<Record<string, Replies>> = { de: DE, ja: JA };

/** `english` in `lang` (its base language too: de-AT speaks de), `{name}` filled in from `vars`. */
export function say(lang: string | undefined, english: string, vars: Record<string, string | number> = {}): string {
  const base = lang?.split('-')[0] ?? 'en';
  const template = (lang && REPLIES[lang]?.[english]) ?? REPLIES[base]?.[english] ?? english;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    vars[name] === undefined ? whole : String(vars[name]),
  );
}
