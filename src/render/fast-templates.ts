// The templates compiled by compile.ts, made runnable: the helpers their code calls, each doing what nunjucks' runtime
// does for the same construct, and the render by name with each template's blocks and its parents'.
import { readFileSync } from 'node:fs';
import { templateSource } from './templating.ts';
import type nunjucks from 'nunjucks';
import { escapeHtml, loadNunjucks, loadRuntime } from './nunjucks.ts';
import { compileTemplates, type TemplateNode, Unsupported } from './compile.ts';
import { logger } from '../log.ts';

const log = logger('render');

type Ctx = Record<string, unknown>;
type Fn = (...args: unknown[]) => unknown;
interface Compiled {
  parent: string | null;
  blocks: Record<string, (c: Ctx, b: Record<string, unknown>) => string>;
  root: (c: Ctx, b: Record<string, unknown>) => string;
}
export type FastRender = (name: string, ctx: Ctx) => string;
/** The compiled code as a function of the helpers (a built copy's), or its source. */
export type FastModule = ((rt: object) => Record<string, Compiled>) | string;

/**
 * What the compiled code takes from nunjucks besides its runtime: globals and filters, and the Environment only when
 * it is asked for (a filter's `this.env`, a page the compiled code fails on), so a site can render without making one.
 */
export interface TemplateHost {
  globals: Record<string, unknown>;
  /** Throws nunjucks' "filter not found" for a name it does not have. */
  filter(name: string): Fn;
  env(): nunjucks.Environment;
}

/** The host an Environment is: its globals and filters. */
export function hostOf(env: nunjucks.Environment): TemplateHost {
  const globals = (env as unknown as { globals: Record<string, unknown> }).globals;
  return { globals, filter: (name) => env.getFilter(name) as Fn, env: () => env };
}

/** A host whose Environment is made by `make` when first asked for; `made` says whether it was. */
export interface LazyHost extends TemplateHost {
  made(): boolean;
}

/** nunjucks' built-in filters without its Environment; a name it does not have asks the Environment, in its words. */
export function lazyHost(globals: Record<string, unknown>, make: () => nunjucks.Environment): LazyHost {
  let env: nunjucks.Environment | undefined;
  const filters = loadRuntime().filters;
  const host: LazyHost = {
    globals,
    filter: (name) => (Object.hasOwn(filters, name) ? filters[name]! : (host.env().getFilter(name) as Fn)),
    env: () => (env ??= make()),
    made: () => env !== undefined,
  };
  return host;
}

const asHost = (h: TemplateHost | nunjucks.Environment): TemplateHost => ('render' in h ? hostOf(h) : h);

/**
 * The compiled module's source for these templates, or undefined when one uses what compile.ts does not know (`why`
 * is told what).
 */
export function fastSource(
  sources: Record<string, string>,
  options: object,
  why?: (reason: string) => void,
): string | undefined {
  const lib = loadNunjucks() as unknown as {
    parser: { parse(src: string, ext: unknown[], opts: object): TemplateNode };
  };
  try {
    return compileTemplates(sources, (src) => lib.parser.parse(src, [], options));
  } catch (err) {
    // Unsupported, or a template nunjucks cannot parse either: checkTemplates names its mistake.
    if (err instanceof Unsupported) why?.(err.message);
    return undefined;
  }
}

/** A member that is a function comes bound to its object, as nunjucks' memberLookup gives it. */
function method(v: unknown, o: unknown): unknown {
  return typeof v === 'function' ? (...args: unknown[]) => (v as Fn).apply(o, args) : v;
}

/** Renders by name with the compiled code (from `fastSource`), in the host's globals and filters. */
export function fastRenderer(module: FastModule, on: TemplateHost | nunjucks.Environment): FastRender {
  const host = asHost(on);
  const runtime = loadRuntime().runtime;
  const SafeString = runtime.SafeString;
  const rt = {
    ...runtime,
    // runtime.suppressValue with autoescape, the value printed.
    S: (v: unknown) => (v === undefined || v === null ? '' : v instanceof SafeString ? v.val : escapeHtml(String(v))),
    // Context.lookup is compiled in place: the data's name, else the global (compile-expr.ts).
    G: host.globals,
    // runtime.memberLookup: a method comes bound to its object.
    M: (o: Record<string, unknown> | null | undefined, key: string) => {
      if (o === undefined || o === null) return undefined;
      return method(o[key], o);
    },
    // The same, for a member read in place (compile-expr.ts): `v` is `o`'s.
    V: method,
    // runtime.callWrap's checks, in its words (the error goes to nunjucks, which renders again to name it).
    C: (f: unknown) => {
      if (!f) throw new Error('Unable to call a value which is undefined or falsey');
      if (typeof f !== 'function') throw new Error('Unable to call a value which is not a function');
      return f as Fn;
    },
    K: runtime.makeKeywordArgs,
    // A filter's `this`, as nunjucks' Context is: made on the first filter that reads its environment.
    fc: {
      get env() {
        return host.env();
      },
      ctx: {},
    },
    // A filter nunjucks does not have fails the render that uses it, not the start: checkTemplates names it first.
    filter: (name: string) => {
      try {
        return host.filter(name);
      } catch (err) {
        return () => {
          throw err;
        };
      }
    },
  };
  const make = typeof module === 'string' ? (new Function('rt', module) as Exclude<FastModule, string>) : module;
  const templates = make(rt);
  const tables = new Map<string, Record<string, unknown>>();
  // A template's blocks over its parent's: the most derived one's win.
  const table = (name: string): Record<string, unknown> => {
    let t = tables.get(name);
    if (!t) {
      const own = templates[name]!;
      t = { ...(own.parent ? table(own.parent) : {}), ...own.blocks };
      tables.set(name, t);
    }
    return t;
  };
  return (name, ctx) => {
    const t = templates[name];
    if (!t) throw new Unsupported(`no compiled template ${name}`);
    return t.root(ctx, table(name));
  };
}

/** Told when nunjucks rendered a page the compiled code could not, and nunjucks could: a compiler bug, and slow. */
export type FellBack = (template: string, err: unknown) => void;

/** Keeps each template that fell back in `seen`, warning the first time. */
export function warnOnce(seen: Set<string>): FellBack {
  return (name, err) => {
    if (seen.has(name)) return;
    seen.add(name);
    log.warn(
      `${name}'s compiled code failed on a page; nunjucks rendered it, more slowly (a bug: please report it)`,
      err,
    );
  };
}

/**
 * Renders by name: with the compiled code when there is one, else (or when it throws: nunjucks then names the mistake
 * in a template, with its line) with nunjucks.
 */
export function renderWith(
  on: TemplateHost | nunjucks.Environment,
  module: FastModule | null | undefined,
  fellBack?: FellBack,
): FastRender {
  const host = asHost(on);
  const fast = module ? tryFast(module, host) : undefined;
  if (!fast) return (name, ctx) => host.env().render(name, ctx);
  return (name, ctx) => {
    try {
      return fast(name, ctx);
    } catch (err) {
      const page = host.env().render(name, ctx);
      // Only here: when nunjucks throws too, the template has a mistake, and nunjucks' error names it.
      fellBack?.(name, err);
      return page;
    }
  };
}

/** The templates' text, each from the first folder that has it (a theme's, then the built-in one). */
export function templateTexts(dirs: readonly string[], names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, readFileSync(templateSource(dirs, n), 'utf8')]));
}

function tryFast(module: FastModule, host: TemplateHost): FastRender | undefined {
  try {
    return fastRenderer(module, host);
  } catch {
    // Code that does not even load leaves the site to nunjucks.
    return undefined;
  }
}
