// Long `IN (...)` lists go to SQLite in chunks: it binds a bounded number of parameters per statement.

export const IN_CHUNK = 500;

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
    const rows = await fn(chunk, chunk.map(() => '?').join(','));
    if (Array.isArray(rows)) out.push(...(rows as R[]));
  }
  return out;
}
