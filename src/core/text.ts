// Text rules shared by ingest and render: cleaning untrusted text, tags, mentions, slugs.

import { TextPattern } from './ascii-twin.ts';
import { cutText, handleKey, tagKey } from './names.ts';

// C0/C1 controls except tab and newline, the bidi embedding/override/isolate marks that can make hostile text
// render reversed, the byte-order mark, and the two noncharacters XML may not carry.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF\uFFFE\uFFFF]/g;

/**
 * The one cleaning path for untrusted text: control and bidi-override characters go, lone surrogates become
 * U+FFFD, line endings and Unicode form are normalised.
 */
export function cleanText(text: string): string {
  const wellFormed = text.replace(LONE_SURROGATE, '\uFFFD');
  return wellFormed
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(CONTROL, '')
    .normalize('NFC')
    .trim();
}

/** A name shown on one line (display names, room names, file names): cleaned, spaces collapsed, bounded. */
export function cleanName(text: string, max = 100): string {
  return cutText(cleanText(text).replace(/\s+/g, ' '), max);
}

/** A post body is capped so one hostile line cannot bloat every page it lands on. */
export const MAX_POST_CHARS = 4000;

export function capText(text: string, max = MAX_POST_CHARS): string {
  return cutText(text, max);
}

// A tag or mention must not be glued to a preceding word character (e.g. mail@example.com). Each is built at its first
// use, as an ASCII twin for ASCII text (src/core/ascii-twin.ts).
const TAG_SOURCE = String.raw`(^|[^\p{L}\p{M}\p{N}_&/#])#([\p{L}\p{N}_][\p{L}\p{M}\p{N}_]{0,63})`;
// Not followed by @host: that is someone on another site (REMOTE_MENTION).
const MENTION_HEAD = String.raw`(^|[^\p{L}\p{M}\p{N}_.@/])@([\p{L}\p{N}_][\p{L}\p{M}\p{N}_.-]{0,63})`;
const MENTION_SOURCE = String.raw`${MENTION_HEAD}(?![\p{L}\p{M}\p{N}_.@-])`;
/** @handle@host: a person on another Meshline site (host: a name or IPv4 address, or [IPv6], and a port). */
const HOST = String.raw`((?:[A-Za-z0-9-]+\.)*[A-Za-z0-9-]+|\[[0-9A-Fa-f:.]+\])((?::\d{1,5})?)`;
const REMOTE_MENTION_SOURCE = `${MENTION_HEAD}@${HOST}`;
const TAG = new TextPattern(TAG_SOURCE, 'gu');
const MENTION = new TextPattern(MENTION_SOURCE, 'gu');
const REMOTE_MENTION = new TextPattern(REMOTE_MENTION_SOURCE, 'gu');
const DIGITS = new TextPattern(String.raw`^\p{N}+$`, 'u');

/** Whether `word` is digits alone, of any script: #1 is not a tag. */
export const allDigits = (word: string): boolean => DIGITS.for(word).test(word);

function uniqueMatches(re: TextPattern, text: string, key: (word: string) => string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(re.for(text))) {
    const word = key(m[2]!.replace(/[.-]+$/, ''));
    if (word && !allDigits(word)) seen.add(word);
  }
  return [...seen];
}

/** #tags, folded as tag pages file them, in order of first appearance; pure numbers (#1) are not tags. */
export function extractTags(text: string): string[] {
  return uniqueMatches(TAG, text, tagKey);
}

/** @handles, folded as handles are, in order of first appearance. */
export function extractMentions(text: string): string[] {
  return uniqueMatches(MENTION, text, handleKey);
}

/** @handle@host mentions, folded, in order of first appearance: host lower-cased, with its port. */
export function extractRemoteMentions(text: string): { handle: string; host: string }[] {
  const seen = new Map<string, { handle: string; host: string }>();
  for (const m of text.matchAll(REMOTE_MENTION.for(text))) {
    const handle = handleKey(m[2]!.replace(/[.-]+$/, ''));
    const host = (m[3]! + m[4]!).toLowerCase();
    if (handle) seen.set(`${handle}@${host}`, { handle, host });
  }
  return [...seen.values()];
}

/** The patterns' sources, for patterns that find them together (src/render/markdown.ts) or one alone (twtxt). */
export const TAG_PATTERN = TAG_SOURCE;
export const MENTION_PATTERN = MENTION_SOURCE;
export const REMOTE_MENTION_PATTERN = REMOTE_MENTION_SOURCE;

/** ASCII slug for readable URLs; empty text gives "post". */
export function slugify(text: string, maxWords = 8): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .slice(0, maxWords)
    .join('-')
    .slice(0, 60)
    .replace(/-+$/, '');
  return ascii || 'post';
}

export { toHandle } from './names.ts';

/** FNV-1a, 32 bit, hex: a cheap stable fingerprint for dedupe keys. Not for security. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
