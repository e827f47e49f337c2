// Patterns with Unicode's property classes (\p{L}, \p{N}, \p{M}) cost milliseconds to build and compile in every
// process that uses one: V8 expands ICU's sets into thousands of ranges (a new post's `import` and `render` built seven
// such patterns, ~1-5 ms each). Text of ASCII alone, most chat, is matched by a twin that spells the classes with
// ASCII's letters and digits and finds the very same matches: ASCII has no marks, its letters are A-Z and a-z, its
// numbers 0-9. test/unit/ascii-twin.test.ts compares every twin with its pattern over random ASCII text.

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** Whether every character of `text` is ASCII. */
export const isAscii = (text: string): boolean => ASCII_ONLY.test(text);

/** What each property stands for in ASCII text: inside a class, and as an atom of its own (`[]` matches nothing). */
const IN_CLASS: Record<string, string> = { L: 'A-Za-z', N: '0-9', M: '' };
const ALONE: Record<string, string> = { L: '[A-Za-z]', N: '[0-9]', M: '[]' };
const PROPERTY = /^\\([pP])\{([^}]*)\}/;

/** `source` with \p{L}, \p{N} and \p{M} spelled for ASCII text; any other property, or a negated one, is refused. */
export function asciiSource(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const m = PROPERTY.exec(source.slice(i, i + 40));
      if (!m) {
        out += source.slice(i, i + 2);
        i++;
        continue;
      }
      const spelled = m[1] === 'p' ? (inClass ? IN_CLASS : ALONE)[m[2]!] : undefined;
      if (spelled === undefined) throw new Error(`no ASCII twin for ${m[0]} in /${source}/`);
      out += spelled;
      i += m[0].length - 1;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    out += c;
  }
  return out;
}

/** Every pattern made, for the test that compares each with its twin. */
export const allTwins: TextPattern[] = [];

/** A pattern for untrusted text and its ASCII twin, each built at its first use. */
export class TextPattern {
  private full: RegExp | undefined;
  private ascii: RegExp | undefined;

  constructor(
    readonly source: string,
    readonly flags: string,
  ) {
    // The v flag's nested classes and set operations are not what asciiSource reads.
    if (flags.includes('v')) throw new Error(`no ASCII twin for a pattern with the v flag: /${source}/${flags}`);
    allTwins.push(this);
  }

  /** The pattern to match `text` with (`lastIndex` is the caller's, as on any RegExp). */
  for(text: string): RegExp {
    return isAscii(text) ? this.twin() : this.unicode();
  }

  /** The pattern as written. */
  unicode(): RegExp {
    this.full ??= new RegExp(this.source, this.flags);
    return this.full;
  }

  /** The pattern for ASCII text. */
  twin(): RegExp {
    this.ascii ??= new RegExp(asciiSource(this.source), this.flags);
    return this.ascii;
  }
}
