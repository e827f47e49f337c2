// English, the default language, written by hand where Intl would write the same: the first Intl formatter,
// segmenter or collator of a process sets up ICU's locale data, ~20 ms of a command that renders one new post, and
// the bytes are then the same whatever ICU a machine has. Tests compare each with Intl (compareKeys: core/names.ts).

/** The languages written here: English, the British way (day month year, as the dates Meshline shows). */
export const isEnglish = (lang: string): boolean => lang === 'en' || lang === 'en-GB';

/** An integer as `Intl.NumberFormat('en')` writes it (1,234,567); undefined for what this does not cover. */
export function englishInteger(n: number): string | undefined {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return undefined;
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A day in UTC as en-GB's long date writes it: 2 December 2026. */
export function englishDayUtc(at: number): string {
  const d = new Date(at);
  return `${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
