// The one escaping path for XML: text and attribute values, with the characters XML 1.0 cannot carry dropped.

// Allowed: tab, line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF. With the u flag a
// lone surrogate is a code point of its own, outside these ranges, so it goes too.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ATTR_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

// Made once: a callback written inside xmlText would be a new closure at every call, optimized again by V8.
const textEscape = (c: string) => TEXT_ESCAPES[c]!;
const attrEscape = (c: string) => ATTR_ESCAPES[c]!;

/** Character data: `>` is escaped too, so `]]>` can never appear. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, '').replace(/[&<>]/g, textEscape);
}

/** A double-quoted attribute value, quotes included. */
export function attr(value: string): string {
  return `"${value.replace(NOT_XML, '').replace(/[&<>"\t\n\r]/g, attrEscape)}"`;
}

/** An element whose content is already escaped: a string, or children one per line. */
export function element(name: string, content: string | readonly string[]): string {
  const inner = typeof content === 'string' ? content : `\n${content.join('\n')}\n`;
  return `<${name}>${inner}</${name}>`;
}
