// What a followed feed says, whatever its format: JSON Feed (Meshline's own, signed), RSS 2.0, Atom, twtxt. Pure: bytes
// in, items out. Text only: HTML in a feed becomes plain text here, and then takes the same path as local text.
import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { cleanText } from '../core/text.ts';

export interface RemoteItem {
  /** The item's id at its origin (JSON Feed id, RSS guid, Atom id; for twtxt, a hash of time and text). */
  id: string;
  url: string | null;
  text: string;
  at: number;
  updatedAt: number | null;
  author: { name: string; url: string | null; handle?: string };
  /** The address of the post it answers (a Meshline feed's `_meshline.in_reply_to`). */
  replyTo?: string;
}

export interface RemoteFeed {
  title: string;
  items: RemoteItem[];
  /** Ids of the site's posts it removed (a Meshline feed's `_meshline.removed`). */
  removed?: number[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Drops `<script>…</script>` and `<style>…</style>`, and an unclosed one to the end, in one pass. */
function dropScripts(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let at = 0;
  for (;;) {
    const s = lower.indexOf('<script', at);
    const t = lower.indexOf('<style', at);
    const start = s < 0 ? t : t < 0 ? s : Math.min(s, t);
    if (start < 0) return out + html.slice(at);
    out += html.slice(at, start);
    const close = lower.indexOf(start === s ? '</script' : '</style', start);
    if (close < 0) return out;
    const end = lower.indexOf('>', close);
    if (end < 0) return out;
    at = end + 1;
  }
}

const BLOCK_END = /^(br|\/p|\/div|\/li|\/h\d|\/blockquote|\/pre)\b/i;

/**
 * HTML as a reader would read it, without markup: tags dropped, block ends as line breaks, entities decoded. Linear
 * in the input (a feed full of `<` must not stall the process).
 */
export function htmlToText(html: string): string {
  const src = dropScripts(html);
  let text = '';
  let at = 0;
  while (at < src.length) {
    const open = src.indexOf('<', at);
    if (open < 0) break;
    const close = src.indexOf('>', open);
    // No tag ends after this: the rest is text, `<` included.
    if (close < 0) break;
    text += src.slice(at, open);
    if (BLOCK_END.test(src.slice(open + 1, open + 12))) text += '\n';
    at = close + 1;
  }
  text += src.slice(at);
  return text
    .replace(/&(#x[0-9a-f]{1,8}|#\d{1,8}|[a-z]{1,8});/gi, (whole, e: string) => {
      if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? whole;
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
    })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const time = (v: unknown): number | null => {
  const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  return Number.isNaN(t) ? null : t;
};
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const httpUrl = (v: unknown): string | null => (/^https?:\/\//i.test(str(v)) ? str(v) : null);
/** fast-xml-parser gives a node's text as a string, or as #text beside attributes. */
const text = (v: unknown): string =>
  typeof v === 'object' && v !== null ? str((v as Record<string, unknown>)['#text']) : str(v);
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The item as kept, or none: an item without an id, a date or any text is dropped. */
function item(i: Omit<RemoteItem, 'at'> & { at: number | null }): RemoteItem[] {
  const body = cleanText(i.text).trim();
  return i.id && body && i.at !== null ? [{ ...i, at: i.at, text: body }] : [];
}

export function parseJsonFeed(json: string): RemoteFeed {
  const doc = JSON.parse(json) as Record<string, unknown>;
  if (!/^https:\/\/jsonfeed\.org\/version\/1/.test(str(doc.version))) throw new Error('not a JSON Feed');
  const feedAuthor = (list(doc.authors as unknown[])[0] ?? doc.author) as Record<string, unknown> | undefined;
  const items = list(doc.items as Record<string, unknown>[]).flatMap((i) => {
    const a = (list(i.authors as unknown[])[0] ?? i.author ?? feedAuthor) as Record<string, unknown> | undefined;
    const at = time(i.date_published) ?? time(i.date_modified);
    const body = str(i.content_text) || htmlToText(str(i.content_html)) || str(i.title);
    const ext = (typeof i._meshline === 'object' && i._meshline ? i._meshline : {}) as Record<string, unknown>;
    const handle = str(ext.handle);
    const replyTo = httpUrl(ext.in_reply_to);
    return item({
      id: str(i.id),
      url: httpUrl(i.url),
      text: body,
      at,
      updatedAt: time(i.date_modified),
      author: {
        name: cleanText(str(a?.name)).trim() || 'someone',
        url: httpUrl(a?.url),
        ...(handle ? { handle } : {}),
      },
      ...(replyTo ? { replyTo } : {}),
    });
  });
  const ext = doc._meshline as { removed?: unknown } | undefined;
  const removed = Array.isArray(ext?.removed) ? ext.removed.filter((n): n is number => Number.isSafeInteger(n)) : [];
  return { title: cleanText(str(doc.title)).trim(), items, ...(removed.length ? { removed } : {}) };
}

export function parseXmlFeed(xml: string): RemoteFeed {
  // No entity expansion beyond XML's own: a feed must not make the parser do unbounded work.
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', processEntities: true });
  const doc = parser.parse(xml) as Record<string, Record<string, unknown>>;
  if (doc.rss) {
    const ch = doc.rss.channel as Record<string, unknown>;
    const items = list(ch?.item as Record<string, unknown>[]).flatMap((i) => {
      const at = time(text(i.pubDate));
      const link = httpUrl(text(i.link));
      return item({
        id: text(i.guid) || link || '',
        url: link,
        text: htmlToText(text(i.description)) || htmlToText(text(i.title)),
        at,
        updatedAt: null,
        author: {
          name: cleanText(text(i['dc:creator']) || text(i.author)).trim() || text(ch.title) || 'someone',
          url: null,
        },
      });
    });
    return { title: cleanText(text(ch?.title)).trim(), items };
  }
  if (doc.feed) {
    const f = doc.feed;
    const feedAuthor = list(f.author as Record<string, unknown>[])[0];
    const items = list(f.entry as Record<string, unknown>[]).flatMap((e) => {
      const at = time(text(e.published)) ?? time(text(e.updated));
      const links = list(e.link as Record<string, unknown>[]);
      const link = httpUrl((links.find((l) => !l['@rel'] || l['@rel'] === 'alternate') ?? links[0])?.['@href']);
      const a = list(e.author as Record<string, unknown>[])[0] ?? feedAuthor;
      const content = e.content ?? e.summary;
      const type = typeof content === 'object' && content ? str((content as Record<string, unknown>)['@type']) : 'text';
      const body = type === 'html' || type === 'xhtml' ? htmlToText(text(content)) : text(content);
      return item({
        id: text(e.id) || link || '',
        url: link,
        text: body || text(e.title),
        at,
        updatedAt: time(text(e.updated)),
        author: { name: cleanText(text(a?.name)).trim() || 'someone', url: httpUrl(text(a?.uri)) },
      });
    });
    return { title: cleanText(text(f.title)).trim(), items };
  }
  throw new Error('neither RSS nor Atom');
}

/** twtxt: "time<TAB>text" lines; `# nick = …` names the author. Mentions `@<nick url>` read as `@nick`. */
export function parseTwtxt(body: string, url: string): RemoteFeed {
  let nick = '';
  const items: RemoteItem[] = [];
  for (const line of body.split(/\r?\n/)) {
    const meta = /^#\s*nick\s*=\s*(.+)$/.exec(line);
    if (meta) nick = meta[1]!.trim();
    // [\s\S] and not .: a line break inside a post is U+2028, which . does not match.
    const m = /^([^#\t][^\t]*)\t([\s\S]*)$/.exec(line);
    const at = m ? time(m[1]!.trim()) : null;
    if (!m || at === null) continue;
    const raw = m[2]!.replace(/\u2028/g, '\n').replace(/@<([^ >]+) [^>]+>/g, '@$1');
    const id = createHash('sha256').update(`${m[1]!.trim()}\t${m[2]}`).digest('hex').slice(0, 16);
    items.push(...item({ id, url: null, text: raw, at, updatedAt: null, author: { name: nick || url, url } }));
  }
  return { title: nick || url, items };
}

/** By what the bytes look like (servers often mislabel feeds): JSON, XML, else twtxt. */
export function parseAnyFeed(bytes: Buffer, url: string): RemoteFeed {
  const body = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const first = body.trimStart()[0];
  if (first === '{') return parseJsonFeed(body);
  if (first === '<') return parseXmlFeed(body);
  return parseTwtxt(body, url);
}
