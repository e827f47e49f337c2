// nunjucks, loaded when a page is first made: commands that render nothing (import, replies) start without it.
import { createRequire } from 'node:module';
import type Nunjucks from 'nunjucks';

let lib: typeof Nunjucks | undefined;
let helpers: { escape: (s: string) => string } | undefined;

/** Characters nunjucks' autoescape replaces (its lib.js escapeRegex). */
const ESCAPED = /[&"'<>\\]/;

export function loadNunjucks(): typeof Nunjucks {
  if (lib) return lib;
  const require = createRequire(import.meta.url);
  lib = require('nunjucks') as typeof Nunjucks;
  // Autoescape runs on every value a template prints, and most (addresses, names, dates) have nothing to escape:
  // looking first halves its cost, a few percent of a full render. The runtime calls it through the module object.
  helpers = require('nunjucks/src/lib.js') as { escape: (s: string) => string };
  const replaceAll = helpers.escape;
  helpers.escape = (s) => (ESCAPED.test(s) ? replaceAll(s) : s);
  return lib;
}

/** nunjucks' autoescape, as its runtime calls it (compiled templates print through it too). */
export function escapeHtml(s: string): string {
  if (!helpers) loadNunjucks();
  return helpers!.escape(s);
}
