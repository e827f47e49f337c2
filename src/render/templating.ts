// What templates get besides their data: `t(key, vars)` for the site's words and `tl(key, vars)` for a message with
// links in it (`{name: {href, text, rel?}}`), escaped here so a message never carries markup of its own; and where a
// template's file is, for checking it.
import type nunjucks from 'nunjucks';
import { loadNunjucks, loadRuntime } from './nunjucks.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Translator } from './i18n.ts';

type Link = { href: string; text: string; rel?: string; cls?: string };

const htmlEscape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function linkHtml(l: Link): string {
  const rel = l.rel ? ` rel="${htmlEscape(l.rel)}"` : '';
  const cls = l.cls ? ` class="${htmlEscape(l.cls)}"` : '';
  return `<a href="${htmlEscape(l.href)}"${rel}${cls}>${htmlEscape(l.text)}</a>`;
}

/** What templates call besides their data: `t`, `tl` and `n`. */
export function ownGlobals(i18n: Translator): Record<string, (...args: never[]) => unknown> {
  return {
    t: (key: string, vars: Record<string, string | number> = {}) => i18n.t(key, vars),
    tl: (key: string, vars: Record<string, string | number | Link> = {}) => {
      const marks = new Map<string, string>();
      const plain: Record<string, string | number> = {};
      for (const [name, v] of Object.entries(vars)) {
        if (typeof v === 'object') {
          // A placeholder no message or name can contain, swapped for the link once the rest is escaped.
          const mark = `\u{F0000}${marks.size}\u{F0001}`;
          marks.set(mark, linkHtml(v));
          plain[name] = mark;
        } else plain[name] = v;
      }
      let html = htmlEscape(i18n.t(key, plain));
      for (const [mark, link] of marks) html = html.replace(mark, link);
      return new (loadRuntime().runtime.SafeString)(html);
    },
    n: (value: number) => i18n.formatNumber(value),
  };
}

export function addGlobals(env: nunjucks.Environment, i18n: Translator): void {
  for (const [name, f] of Object.entries(ownGlobals(i18n))) env.addGlobal(name, f);
}

/** An Environment's globals without one: nunjucks' own (range, cycler, joiner) and ours. */
export function templateGlobals(i18n: Translator): Record<string, unknown> {
  return { ...loadRuntime().globals(), ...ownGlobals(i18n) };
}

/** The file a template is read from: the first folder that has it (a theme's, then the built-in one). */
export function templateSource(dirs: readonly string[], file: string): string {
  return dirs.map((d) => join(d, file)).find((f) => existsSync(f)) ?? join(dirs[dirs.length - 1]!, file);
}

/** The names of the filters a template's source uses, from nunjucks' own parser. */
export function filtersIn(source: string): string[] {
  const parser = (loadNunjucks() as unknown as { parser: { parse(src: string): unknown } }).parser;
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { typename?: string; name?: { value?: unknown } } & Record<string, unknown>;
    if ((n.typename === 'Filter' || n.typename === 'FilterAsync') && typeof n.name?.value === 'string')
      names.add(n.name.value);
    for (const [key, child] of Object.entries(n)) if (key !== 'parent') walk(child);
  };
  walk(parser.parse(source));
  return [...names];
}

export interface TemplateProblem {
  file: string;
  /** The file it was read from (a theme's or the built-in one). */
  path: string;
  problem: string;
}

/**
 * Compiles every template, so a missing file or a mistake in one is found at start, named with its file and line,
 * not halfway through a render.
 */
export function templateProblems(
  env: nunjucks.Environment,
  dirs: readonly string[],
  files: readonly string[],
): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const file of files) {
    try {
      env.getTemplate(file, true);
      // Filters are looked up only when an expression runs (maybe inside a loop that never does): check them all.
      const source = readFileSync(templateSource(dirs, file), 'utf8');
      for (const name of filtersIn(source)) {
        try {
          env.getFilter(name);
        } catch {
          const line = source.split('\n').findIndex((l) => new RegExp(`\\|\\s*${name}\\b`).test(l)) + 1;
          throw new Error(`unknown filter "${name}"${line ? ` [Line ${line}, Column 1]` : ''}`);
        }
      }
    } catch (err) {
      // nunjucks nests its messages ("(unknown path) [Line 3, Column 5]\n  Error: …"): keep the line and the cause.
      const text = err instanceof Error ? err.message : String(err);
      const where = /\[Line (\d+), Column (\d+)\]/.exec(text);
      const cause =
        text
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .at(-1) ?? text;
      const said = cause.replace(/\s*\[Line \d+, Column \d+\]/, '').replace(/^(Template render error|Error):\s*/, '');
      problems.push({
        file,
        path: templateSource(dirs, file),
        problem: `${said}${where ? ` (line ${where[1]})` : ''}`,
      });
    }
  }
  return problems;
}
