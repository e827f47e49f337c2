// SQL text built from values, for the write transaction's buffered script (one call for many statements).
import type { SqlValue } from './db.ts';

/** An SQL literal. Strings are quoted by doubling quotes; NUL cannot appear in a literal, so such text goes as hex. */
export function lit(v: SqlValue | boolean | undefined): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return String(v);
  }
  if (typeof v === 'bigint') return v.toString();
  if (Buffer.isBuffer(v)) return `X'${v.toString('hex')}'`;
  if (v.includes('\u0000')) return `CAST(X'${Buffer.from(v, 'utf8').toString('hex')}' AS TEXT)`;
  return `'${v.replace(/'/g, "''")}'`;
}

export const sql = (strings: TemplateStringsArray, ...values: (SqlValue | boolean | undefined)[]) =>
  strings.reduce((out, s, i) => out + s + (i < values.length ? lit(values[i]) : ''), '');
