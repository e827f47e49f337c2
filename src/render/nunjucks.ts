// nunjucks, loaded when a page is first made: commands that render nothing (import, replies) start without it. The
// compiled templates need only its runtime, filters and globals (a fifth of its load time); the whole of it (parser,
// compiler, Environment) loads for a theme's templates, a check, or a page the compiled code fails on.
import { createRequire } from 'node:module';
import type Nunjucks from 'nunjucks';

export interface NunjucksRuntime {
  SafeString: new (s: string) => { val: string };
  makeMacro: unknown;
  makeKeywordArgs: (o: object) => object;
  fromIterator: (a: unknown) => unknown;
  inOperator: (a: unknown, b: unknown) => boolean;
}

export interface RuntimeParts {
  runtime: NunjucksRuntime;
  /** Its built-in filters, as an Environment has them. */
  filters: Record<string, (...args: unknown[]) => unknown>;
  /** A fresh set of its built-in globals (range, cycler, joiner), as an Environment starts with. */
  globals: () => Record<string, unknown>;
}

let lib: typeof Nunjucks | undefined;
let parts: RuntimeParts | undefined;
let helpers: { escape: (s: string) => string } | undefined;

/** Characters nunjucks' autoescape replaces (its lib.js escapeRegex). */
const ESCAPED = /[&"'<>\\]/;

export function loadRuntime(): RuntimeParts {
  if (parts) return parts;
  const require = createRequire(import.meta.url);
  // Autoescape runs on every value a template prints, and most (addresses, names, dates) have nothing to escape:
  // looking first halves its cost, a few percent of a full render. The runtime calls it through the module object.
  helpers = require('nunjucks/src/lib.js') as { escape: (s: string) => string };
  const replaceAll = helpers.escape;
  helpers.escape = (s) => (ESCAPED.test(s) ? replaceAll(s) : s);
  parts = {
    runtime: require('nunjucks/src/runtime.js') as NunjucksRuntime,
    filters: require('nunjucks/src/filters.js') as RuntimeParts['filters'],
    globals: require('nunjucks/src/globals.js') as RuntimeParts['globals'],
  };
  return parts;
}

export function loadNunjucks(): typeof Nunjucks {
  if (lib) return lib;
  loadRuntime();
  lib = createRequire(import.meta.url)('nunjucks') as typeof Nunjucks;
  return lib;
}

/** nunjucks' autoescape, as its runtime calls it (compiled templates print through it too). */
export function escapeHtml(s: string): string {
  if (!helpers) loadRuntime();
  return helpers!.escape(s);
}
