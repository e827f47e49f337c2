// Text rules shared by ingest and render: cleaning untrusted text, tags, mentions, slugs.

// C0/C1 controls except tab and newline, and the bidi embedding/override/isolate marks
// that can make hostile text render reversed.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** Removes control and bidi-override characters and normalises line endings and Unicode form. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '').normalize('NFC').trim();
}

/** A post body is capped so one hostile line cannot bloat every page it lands on. */
export const MAX_POST_CHARS = 4000;

export function capText(text: string, max = MAX_POST_CHARS): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

// A tag or mention must not be glued to a preceding word character (e.g. mail@example.com).
const TAG = /(^|[^\p{L}\p{N}_&/#])#([\p{L}\p{N}_]{1,64})/gu;
const MENTION = /(^|[^\p{L}\p{N}_.@/])@([\p{L}\p{N}_][\p{L}\p{N}_.-]{0,31})/gu;

function uniqueMatches(re: RegExp, text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(re)) {
    const word = m[2]!.replace(/[.-]+$/, '').toLowerCase();
    if (word && !/^\p{N}+$/u.test(word)) seen.add(word);
  }
  return [...seen];
}

/** #tags, lower-cased, in order of first appearance; pure numbers (#1) are not tags. */
export function extractTags(text: string): string[] {
  return uniqueMatches(TAG, text);
}

/** @handles, lower-cased, in order of first appearance. */
export function extractMentions(text: string): string[] {
  return uniqueMatches(MENTION, text);
}

export const TAG_PATTERN = TAG;
export const MENTION_PATTERN = MENTION;

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

/** A handle is what @mentions and page URLs use: lower-case letters, digits, _ . - */
export function toHandle(display: string): string {
  const h = display
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, 32);
  return h || 'friend';
}


/** FNV-1a, 32 bit, hex: a cheap stable fingerprint for dedupe keys. Not for security. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
