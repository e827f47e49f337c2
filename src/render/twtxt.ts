// A person's timeline as a twtxt file (twtxt.readthedocs.io): "RFC 3339 time, a tab, the text" a line, oldest first,
// with yarn's `nick` and `url` metadata comments and mentions as `@<nick url>`. Pure; the same posts give the same
// bytes. Like the feeds, it holds the newest `feedSize` posts: twtxt clients keep what they have read.
import { TextPattern } from '../core/ascii-twin.ts';
import { handleKey } from '../core/names.ts';
import { personDir } from '../core/paths.ts';
import { MENTION_PATTERN } from '../core/text.ts';
import type { PersonView, PostView } from '../core/views.ts';

export const TWTXT_FILE = 'twtxt.txt';

/** One line: no tabs or line breaks inside (yarn writes a line break as U+2028), mentions that resolve as links. */
const MENTION = new TextPattern(MENTION_PATTERN, 'gu');

export function twtxtText(post: Pick<PostView, 'text' | 'mentions'>, url: (path: string) => string): string {
  const flat = post.text.replace(/\r\n?|\n/g, '\u2028').replace(/\t/g, ' ');
  if (!flat.includes('@')) return flat;
  const mentioned = new Set(post.mentions);
  return flat.replace(MENTION.for(flat), (whole, lead: string, word: string) => {
    const bare = word.replace(/[.-]+$/, '');
    const handle = handleKey(bare);
    if (!mentioned.has(handle)) return whole;
    return `${lead}@<${handle} ${url(personDir(handle) + TWTXT_FILE)}>${word.slice(bare.length)}`;
  });
}

/** RFC 3339 in UTC, to the second. */
export function twtxtTime(at: number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function twtxtFile(person: PersonView, newestFirst: readonly PostView[], url: (path: string) => string): string {
  const head = [
    `# nick = ${person.handle}`,
    `# url = ${url(personDir(person.handle) + TWTXT_FILE)}`,
    `# description = ${person.name.replace(/[\r\n]+/g, ' ')}`,
    '#',
  ];
  for (let i = newestFirst.length - 1; i >= 0; i--) {
    const p = newestFirst[i]!;
    head.push(`${twtxtTime(p.at)}\t${twtxtText(p, url)}`);
  }
  return `${head.join('\n')}\n`;
}
