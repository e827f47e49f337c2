// The one path untrusted text takes to HTML: markdown-it with raw HTML off, http(s) links only,
// no images (no third-party requests), and #tags / @mentions turned into site links.
import { createRequire } from 'node:module';
import type { MarkdownIt, Token } from 'markdown-it';
import { handleKey, tagKey } from '../core/names.ts';
import { TextPattern } from '../core/ascii-twin.ts';
import { allDigits, MENTION_PATTERN, REMOTE_MENTION_PATTERN, TAG_PATTERN } from '../core/text.ts';

const SAFE_URL = /^https?:\/\//i;

export interface BodyLinks {
  /** URL for a tag page, or undefined for no link. */
  tag(tag: string): string | undefined;
  /** URL for a handle's page, or undefined when that handle is not a known mention of this post. */
  person(handle: string): string | undefined;
  /** URL for @handle@host, a person on another site. */
  remote(handle: string, host: string): string | undefined;
}

/** Loaded on first use (it is a fifth of a command's start-up), synchronously: rendering is synchronous. */
const loadMarkdownIt = () => createRequire(import.meta.url)('markdown-it') as typeof import('markdown-it').default;

export function createMarkdown(): MarkdownIt {
  const md = loadMarkdownIt()('default', { html: false, linkify: true, breaks: true, typographer: false });
  md.disable(['image', 'heading', 'lheading', 'hr', 'table', 'reference', 'html_block', 'html_inline']);
  md.validateLink = (url) => SAFE_URL.test(url.trim());
  md.linkify.set({ fuzzyEmail: false, fuzzyLink: false });
  const defaultOpen =
    md.renderer.rules.link_open ?? ((tokens, idx, opts, _env, self) => self.renderToken(tokens, idx, opts));
  md.renderer.rules.link_open = (tokens, idx, opts, env, self) => {
    const token = tokens[idx]!;
    if (SAFE_URL.test(String(token.attrGet('href') ?? ''))) token.attrSet('rel', 'nofollow ugc noopener');
    return defaultOpen(tokens, idx, opts, env, self);
  };
  md.core.ruler.push('meshline_links', (state) => {
    const links = state.env?.links as BodyLinks | undefined;
    if (!links) return;
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      block.children = linkTagsAndMentions(block.children, links, state.Token);
    }
  });
  return md;
}

/**
 * Text markdown would read as one plain paragraph: no character that starts markup or a link anywhere, nothing that
 * starts a block at the front, no space at either end (a paragraph is trimmed), one line. Most chat lines are.
 */
const PLAIN = /^(?![\d\s-])[^\x00-\x1f\x7f!$%&*+/:;<=>[\\\]^_`{}~|\u0080-\u00a0\u2000-\u206f\u3000\ufeff]*(?<!\s)$/u;

/**
 * The body's HTML, as `md.render` makes it. Plain text skips markdown altogether (its parsing is most of its cost, and
 * loading and setting it up ~35 ms of a command that renders one new post): its tags and mentions get the same links,
 * written as markdown's renderer writes them. `md` is asked for only when the text needs it.
 */
export function renderBody(md: () => MarkdownIt, text: string, links: BodyLinks): string {
  if (!text || !PLAIN.test(text) || /www\./i.test(text)) return md().render(text, { links });
  let html = '<p>';
  for (const piece of pieces(text, links)) {
    if (typeof piece === 'string') html += escapeText(piece);
    else {
      // As the link_open rule above and markdown-it's renderAttrs write it.
      const rel = SAFE_URL.test(piece.href) ? ' rel="nofollow ugc noopener"' : '';
      html += `<a href="${escapeText(piece.href)}" class="${piece.kind}"${rel}>${escapeText(piece.shown)}</a>`;
    }
  }
  return `${html}</p>\n`;
}

/** markdown-it's escapeHtml: these four, and not the apostrophe. */
function escapeText(s: string): string {
  return /[&<>"]/.test(s) ? s.replace(/[&<>"]/g, (c) => MD_ESCAPES[c]!) : s;
}

const MD_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

type TokenCtor = new (type: string, tag: string, nesting: -1 | 0 | 1) => Token;

function linkTagsAndMentions(children: Token[], links: BodyLinks, T: TokenCtor): Token[] {
  const out: Token[] = [];
  let insideLink = 0;
  for (const tok of children) {
    if (tok.type === 'link_open') insideLink++;
    if (tok.type === 'link_close') insideLink--;
    if (tok.type !== 'text' || insideLink > 0) {
      out.push(tok);
      continue;
    }
    out.push(...splitText(tok.content, links, T));
  }
  return out;
}

/** Tags, mentions and remote mentions, tried where a sign is (signMatches); ASCII text gets the ASCII twin. */
const AT_SIGN = new TextPattern(`${TAG_PATTERN}|${MENTION_PATTERN}|${REMOTE_MENTION_PATTERN}`, 'uy');

/** The link and the text shown for one match of AT_SIGN. */
function linkOf(m: RegExpMatchArray, links: BodyLinks): { lead: string; shown: string; href: string | undefined } {
  if (m[2] !== undefined) {
    const word = m[2].replace(/[.-]+$/, '');
    return { lead: m[1]!, shown: `#${word}`, href: allDigits(word) ? undefined : links.tag(tagKey(word)) };
  }
  if (m[4] !== undefined) {
    const word = m[4].replace(/[.-]+$/, '');
    return { lead: m[3]!, shown: `@${word}`, href: links.person(handleKey(word)) };
  }
  const word = m[6]!;
  const host = m[7]! + m[8]!;
  return { lead: m[5]!, shown: `@${word}@${host}`, href: links.remote(handleKey(word), host.toLowerCase()) };
}

function nextSign(text: string, from: number): number {
  const hash = text.indexOf('#', from);
  const at = text.indexOf('@', from);
  return hash < 0 ? at : at < 0 ? hash : Math.min(hash, at);
}

/**
 * The matches of the three patterns together that `text.matchAll` finds, tried only where one can start: at the
 * character before a sign (# or @), or at the start. The pattern tried at every character was a twentieth of a full
 * render.
 */
export function signMatches(text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  const re = AT_SIGN.for(text);
  let end = 0;
  for (let p = nextSign(text, 0); p >= 0; p = nextSign(text, p + 1)) {
    // With the u flag, an index inside a pair of surrogates (an emoji before the sign) starts at its first half.
    const start = p === 0 ? 0 : p - 1;
    if (start < end) continue;
    re.lastIndex = start;
    const m = re.exec(text);
    if (m === null) continue;
    out.push(m);
    end = start + m[0].length;
  }
  return out;
}

/** A run of plain text, or a tag or mention that leads somewhere. */
type Piece = string | { kind: 'tag' | 'mention'; href: string; shown: string };

/** A text's pieces, in order. */
function pieces(text: string, links: BodyLinks): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  for (const m of signMatches(text)) {
    const { lead, shown, href } = linkOf(m, links);
    if (!href) continue;
    const start = m.index! + lead.length;
    if (start > last) out.push(text.slice(last, start));
    out.push({ kind: shown[0] === '#' ? 'tag' : 'mention', href, shown });
    last = start + shown.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function splitText(text: string, links: BodyLinks, T: TokenCtor): Token[] {
  const out: Token[] = [];
  for (const piece of pieces(text, links)) {
    if (typeof piece === 'string') {
      const t = new T('text', '', 0);
      t.content = piece;
      out.push(t);
      continue;
    }
    const open = new T('link_open', 'a', 1);
    open.attrs = [
      ['href', piece.href],
      ['class', piece.kind],
    ];
    const inner = new T('text', '', 0);
    inner.content = piece.shown;
    out.push(open, inner, new T('link_close', 'a', -1));
  }
  return out;
}
