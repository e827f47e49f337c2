// Long `IN (...)` lists go to SQLite in chunks: it binds a bounded number of parameters per statement.

export const IN_CHUNK = 500;

/**
 * `IN (${IN_LIST})`, bound to the values as one JSON array: the same text whatever their number, so its statement
 * stays prepared (src/store/db.ts), and one parameter bound instead of hundreds.
 */
export const IN_LIST = 'SELECT value FROM json_each(?)';

/** `?,?,…,?`: n placeholders. */
export function placeholders(n: number): string {
  return '?,'.repeat(n).slice(0, -1);
}

// Made once, passed to map: an arrow written at the call is a new closure at every call, optimized again by V8.
export const idOf = (r: { id: number }): number => r.id;

/** Runs `fn` on each chunk of `values` with the matching `?,?,…` list, and gathers what the calls return. */
export async function inChunks<V, R>(
  values: readonly V[],
  fn: (chunk: V[], list: string) => Promise<R[]>,
): Promise<R[]>;
export async function inChunks<V>(
  values: readonly V[],
  fn: (chunk: V[], list: string) => Promise<unknown>,
): Promise<unknown[]>;
export async function inChunks<V, R>(
  values: readonly V[],
  fn: (chunk: V[], placeholders: string) => Promise<unknown>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += IN_CHUNK) {
    const chunk = values.slice(i, i + IN_CHUNK);
    const rows = await fn(chunk, placeholders(chunk.length));
    if (Array.isArray(rows)) out.push(...(rows as R[]));
  }
  return out;
}
