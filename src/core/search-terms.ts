// The words a post is found by (issue 16, search): lower-cased, accents dropped, letters and digits of any script, two
// to 32 characters. templates/assets/search.js splits a reader's query the same way, so the two always agree.

import { isAscii, TextPattern } from './ascii-twin.ts';

const MARKS = new TextPattern(String.raw`\p{M}+`, 'gu');
const BETWEEN_WORDS = new TextPattern(String.raw`[^\p{L}\p{N}]+`, 'u');
const TWO_DIGITS = new TextPattern(String.raw`^\p{N}\p{N}`, 'u');

export function searchTerms(text: string): string[] {
  // ASCII is its own NFKD form and has no marks: no trip through ICU's normalizer.
  const bare = isAscii(text) ? text : text.normalize('NFKD').replace(MARKS.unicode(), '');
  const lower = bare.toLowerCase();
  const words = lower.split(BETWEEN_WORDS.for(lower));
  return [...new Set(words.filter((w) => [...w].length >= 2 && [...w].length <= 32))];
}

/**
 * The shard a term's posting list lives in: its first two characters, or three when those two are digits. Numbers
 * share prefixes far more than words: on a million-post site the shard `19` held 11,000 numbers, rewritten at every
 * post that had one; cut by three it holds a thousand (by four, a hundred, but ten times the files for the whole
 * site). A term shorter than its cut is its own shard.
 */
export function shardOf(term: string): string {
  const chars = [...term];
  return chars.slice(0, shardCut(term)).join('');
}

/** How many characters a term's shard is cut by (templates/assets/search.js cuts the same way). */
export const shardCut = (term: string) => (TWO_DIGITS.for(term).test(term) ? 3 : 2);

/** A shard's file name: the prefix's UTF-8 bytes in hex, so any script makes a plain name. */
export function shardFile(prefix: string): string {
  return `search/t/${Buffer.from(prefix, 'utf8').toString('hex')}.json`;
}

/** Posts' summaries for results, a thousand to a file. */
export const DOC_BUCKET = 1000;
export const docFile = (bucket: number) => `search/d/${bucket}.json`;
