// IRC text as Meshline wants it: formatting codes stripped, CTCP ACTION recognised, replies split to the line limit.
// Pure functions, tested without a server.

// \x02 bold, \x1d italic, \x1f underline, \x1e strikethrough, \x11 monospace, \x16 reverse, \x0f reset,
// \x03 colour with optional fg[,bg] (1–2 digits each), \x04 hex colour with optional RRGGBB[,RRGGBB].
const FORMATTING =
  /\x03(?:\d{1,2}(?:,\d{1,2})?)?|\x04(?:[0-9a-fA-F]{6}(?:,[0-9a-fA-F]{6})?)?|[\x02\x1d\x1f\x1e\x11\x16\x0f]/g;

export function stripFormatting(text: string): string {
  return text.replace(FORMATTING, '');
}

export type CtcpKind = 'text' | 'action' | 'other';

/** A PRIVMSG body: plain text, a /me action, or another CTCP request (VERSION, PING, DCC…) that is never posted. */
export function parseCtcp(body: string): { kind: CtcpKind; text: string } {
  if (!body.startsWith('\x01')) return { kind: 'text', text: body };
  const inner = body.slice(1).replace(/\x01$/, '');
  const m = /^([A-Za-z]+)(?: ([\s\S]*))?$/.exec(inner);
  if (m && m[1]!.toUpperCase() === 'ACTION') return { kind: 'action', text: m[2] ?? '' };
  return { kind: 'other', text: inner };
}

/**
 * Splits a reply into lines of at most `maxBytes` UTF-8 bytes, at spaces where it can, never inside a character.
 * Newlines in the text start new lines; empty lines are dropped (IRC cannot send them).
 */
export function splitForIrc(text: string, maxBytes: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let rest = paragraph.trim();
    while (rest) {
      if (Buffer.byteLength(rest) <= maxBytes) {
        out.push(rest);
        break;
      }
      let cut = 0;
      let bytes = 0;
      for (const ch of rest) {
        const b = Buffer.byteLength(ch);
        if (bytes + b > maxBytes) break;
        bytes += b;
        cut += ch.length;
      }
      const space = rest.lastIndexOf(' ', cut);
      const at = space > cut / 2 ? space : cut;
      out.push(rest.slice(0, at).trimEnd());
      rest = rest.slice(at).trimStart();
    }
  }
  return out;
}
