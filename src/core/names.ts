// Names that become parts of URLs and file paths: handles, tags, room slugs. Letters of every script are kept
// (normalised, lower-cased where the script has case); what the site itself uses is reserved; a path segment is
// bounded in bytes, so no name can make a file the disk or a bucket refuses.
import { isAscii, TextPattern } from './ascii-twin.ts';
import { say, type Said } from './say.ts';

/** A path segment made from a name stays under this many UTF-8 bytes (file systems allow 255). */
export const NAME_MAX_BYTES = 64;

/** Names the site writes beside people's, tags' and rooms' folders, or that mean something to a file system. */
const RESERVED = new Set([
  'index.html',
  'index',
  'page',
  'feed.xml',
  'atom.xml',
  'feed.json',
  'assets',
  'media',
  'posts',
  'people',
  'tags',
  'rooms',
  'well-known',
  'con',
  'nul',
  'aux',
  'prn',
]);

// Made on first use: building it loads ICU's break rules, tens of milliseconds a command may not need.
let segmenter: Intl.Segmenter | undefined;
const graphemes = () => (segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' }));

/**
 * Segmenting costs time in the length of the whole string at every step, so only the part that can matter is
 * segmented: `units` UTF-16 units and room for the longest grapheme that may straddle the cut.
 */
function window(text: string, units: number): string {
  return text.length > units + 64 ? text.slice(0, units + 64) : text;
}

/** The longest prefix of `text`, cut between graphemes, whose UTF-8 form fits in `maxBytes`. */
export function fitBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const { segment } of graphemes().segment(window(text, maxBytes))) {
    const n = Buffer.byteLength(segment);
    if (bytes + n > maxBytes) break;
    out += segment;
    bytes += n;
  }
  return out;
}

/** At most `max` UTF-16 units, cut between graphemes (an emoji is never split), with … when cut. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  // Between two ASCII characters (but CR LF) there is always a grapheme boundary: no need to segment.
  const a = text.charCodeAt(max - 2);
  const b = text.charCodeAt(max - 1);
  if (max >= 2 && a < 0x7f && b < 0x7f && !(a === 13 && b === 10))
    return text.slice(0, max - 1).replace(/\s+$/, '') + '…';
  let out = '';
  for (const { segment } of graphemes().segment(window(text, max))) {
    if (out.length + segment.length > max - 1) break;
    out += segment;
  }
  return out.replace(/\s+$/, '') + '…';
}

/** Compatibility-normalised and lower-cased the same way on every machine (no locale). */
function fold(text: string): string {
  // ASCII is its own normal form: no trip through ICU's normalizer.
  if (isAscii(text)) return text.toLowerCase();
  return text.normalize('NFKC').toLowerCase().normalize('NFC');
}

export function isReservedName(name: string): boolean {
  return RESERVED.has(name) || name.startsWith('.') || name.includes('/');
}

/** A reserved name is kept readable but moved out of the way: index.html → index_html, page → page_. */
function unreserve(name: string): string {
  if (!isReservedName(name)) return name;
  return name.includes('.') ? name.replace(/\./g, '_') : `${name}_`;
}

const NOT_NAME = new TextPattern(String.raw`[^\p{L}\p{M}\p{N}_.-]+`, 'gu');
const EDGES = new TextPattern(String.raw`^[.\-\p{M}]+|[.-]+$`, 'gu');

/** Letters and digits of any script, marks, _ . - ; '' when nothing is left. */
function baseName(text: string): string {
  const folded = fold(text);
  const h = folded.replace(NOT_NAME.for(folded), '').replace(EDGES.for(folded), '');
  const fitted = fitBytes(h, NAME_MAX_BYTES).replace(/[.-]+$/, '');
  return fitted && unreserve(fitted);
}

/** A handle is what @mentions and page URLs use: letters and digits of any script, marks, _ . - */
export function toHandle(display: string): string {
  return baseName(display) || 'friend';
}

/** Why a handle someone asked for cannot be theirs (as src/core/say.ts says it), or undefined when it is fine. */
export function handleProblemOf(wanted: string): Said | undefined {
  if (!wanted) return { say: 'a handle needs at least one letter or digit', vars: {} };
  if (Buffer.byteLength(wanted) > NAME_MAX_BYTES)
    return { say: 'a handle is at most {max} bytes', vars: { max: NAME_MAX_BYTES } };
  if (isReservedName(fold(wanted))) return { say: '"{name}" is a name the site uses', vars: { name: wanted } };
  if (toHandle(wanted) !== fold(wanted))
    return { say: 'a handle has only letters, digits, _ . - and starts with a letter or digit', vars: {} };
  return undefined;
}

/** The same, in English. */
export function handleProblem(wanted: string): string | undefined {
  const p = handleProblemOf(wanted);
  return p && say(undefined, p.say, p.vars);
}

/** The handle a written @mention or `handle NAME` refers to. */
export function handleKey(word: string): string {
  return fitBytes(fold(word), NAME_MAX_BYTES);
}

/**
 * The tag a written #tag is filed under: lower-cased (as tags always were, so old tag pages keep their address)
 * and bounded in bytes.
 */
export function tagKey(word: string): string {
  return fitBytes(word.normalize('NFC').toLowerCase(), NAME_MAX_BYTES);
}

/** A room's folder name from its display name: like a handle, without dots. */
export function roomSlug(name: string): string {
  return baseName(name.replace(/^[#!&+]/, '').replace(/[\s.]+/g, '-')) || 'room';
}

const SIMPLE_KEY = /^[a-z0-9.-]*$/;

/**
 * `a.localeCompare(b)`, in code-point order where that is the same: keys of lowercase ASCII letters, digits, hyphens
 * and dots (room slugs, most handles) sort alike both ways, as the tests check; anything else goes to ICU, whose
 * first collator is ~20 ms of a process.
 */
export function compareKeys(a: string, b: string): number {
  if (SIMPLE_KEY.test(a) && SIMPLE_KEY.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return a.localeCompare(b);
}
