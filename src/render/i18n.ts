// The site's words in its language (README "Languages"): catalogs in the templates' `locales/<lang>.json`, a theme's
// catalog over the built-in one, the language's base over English, English for anything missing. Dates and numbers
// through Intl. Pure but for reading the catalogs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { englishInteger, isEnglish } from './english.ts';

export type Message = string | Partial<Record<Intl.LDMLPluralRule, string>>;
export type Catalog = Record<string, Message>;

/** `de-CH` → `de-CH`, `de`; English last, under everything. */
export function languageChain(lang: string): string[] {
  const parts = lang.split('-');
  const chain = parts.map((_, i) => parts.slice(0, parts.length - i).join('-'));
  return ['en', ...chain.reverse().filter((l) => l !== 'en')];
}

/** The catalog for `lang` from these template folders (built-in first, a theme's after it, the later winning). */
export function loadCatalog(dirs: readonly string[], lang: string): Catalog {
  const out: Catalog = {};
  for (const l of languageChain(lang))
    for (const dir of dirs) {
      const file = join(dir, 'locales', `${l}.json`);
      if (existsSync(file)) Object.assign(out, JSON.parse(readFileSync(file, 'utf8')) as Catalog);
    }
  return out;
}

/** The languages with a built-in catalog (doctor and the sample config name them). */
export const BUILT_IN_LANGUAGES = ['en', 'de', 'ja'] as const;

export class Translator {
  // Made when first needed: ICU's set-up is ~15 ms of a command's start, and most messages need neither.
  private pluralRules: Intl.PluralRules | undefined;
  private numberFormat: Intl.NumberFormat | undefined;

  constructor(
    readonly lang: string,
    private readonly catalog: Catalog,
  ) {}

  private get plural(): Intl.PluralRules {
    return (this.pluralRules ??= new Intl.PluralRules(this.lang));
  }

  private get number(): Intl.NumberFormat {
    return (this.numberFormat ??= new Intl.NumberFormat(this.lang));
  }

  /** The message for `key` with `{name}` filled in as text; `n` picks the plural form, written as the language does. */
  t(key: string, vars: Record<string, string | number> = {}): string {
    const m = this.catalog[key];
    const text =
      m === undefined
        ? key
        : typeof m === 'string'
          ? m
          : (m[this.plural.select(Number(vars.n ?? 0))] ?? m.other ?? Object.values(m)[0] ?? key);
    // Most messages (a page's navigation, labels) have nothing to fill in.
    if (!text.includes('{')) return text;
    return this.fill(text, vars);
  }

  // A loop, not a replace callback: a closure made at every message is optimized again and again by V8.
  private fill(text: string, vars: Record<string, string | number>): string {
    let out = '';
    let last = 0;
    for (let open = text.indexOf('{'); open >= 0; open = text.indexOf('{', open + 1)) {
      const close = text.indexOf('}', open + 1);
      if (close < 0) break;
      const name = text.slice(open + 1, close);
      if (!/^\w+$/.test(name)) continue;
      const v = vars[name];
      if (v === undefined) continue;
      out += text.slice(last, open) + (typeof v === 'number' ? this.formatNumber(v) : v);
      last = close + 1;
      open = close;
    }
    return out + text.slice(last);
  }

  /** The whole catalog's messages a browser script needs, as one JSON text (search.js, unlock.js). */
  pick(keys: readonly string[]): string {
    return JSON.stringify(Object.fromEntries(keys.map((k) => [k, this.catalog[k] ?? k])));
  }

  formatNumber(n: number): string {
    return (isEnglish(this.lang) ? englishInteger(n) : undefined) ?? this.number.format(n);
  }
}
