// Turns schema issues into messages a person can act on: every problem, the YAML line it is on, and for a key
// that does not exist, the nearest one that does.
import type * as z from 'zod';

export type Locate = (path: readonly PropertyKey[]) => number | undefined;

interface Def {
  type: string;
  innerType?: Schema;
  out?: Schema;
  element?: Schema;
  shape?: Record<string, Schema>;
}
type Schema = { _zod: { def: Def } };

/** The object keys the schema accepts at a path (through defaults, pipes and arrays), or none. */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s = schema as unknown as Schema;
  const unwrap = () => {
    for (let d = s._zod.def; ; d = s._zod.def) {
      if (d.innerType) s = d.innerType;
      else if (d.type === 'pipe' && d.out) s = d.out;
      else return;
    }
  };
  unwrap();
  for (const key of path) {
    const d = s._zod.def;
    if (typeof key === 'number' && d.element) s = d.element;
    else if (typeof key === 'string' && d.shape?.[key]) s = d.shape[key]!;
    else return [];
    unwrap();
  }
  return Object.keys(s._zod.def.shape ?? {});
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j]!;
      row[j] = Math.min(
        row[j]! + 1,
        row[j - 1]! + 1,
        prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1),
      );
      prev = here;
    }
  }
  return row[b.length]!;
}

/** The known key nearest to a mistyped one, when it is near enough to be what was meant. */
export function nearest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(word, k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}
