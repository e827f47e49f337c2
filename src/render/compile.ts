// Templates compiled to plain JavaScript. nunjucks' own compiled code looks every name up through a chain of frames,
// wraps every member read and sets eight loop variables per iteration by dotted name: a quarter of a full render's
// time went there. This compiler takes the same parse tree and writes code that binds names at compile time and calls
// a few small helpers; what it does not know (set, include, call blocks, tests, super(), `for k, v`) leaves the whole
// site to nunjucks. The output is the same bytes: test/unit/compile.test.ts renders each construct both ways, and
// test/integration/site.test.ts a whole site.
import {
  contextLookup,
  expr,
  literal,
  Scope,
  type FilterUse,
  type TemplateNode,
  Unsupported,
  uses,
} from './compile-expr.ts';

export { Unsupported, type TemplateNode };

/** Names the code this compiler writes: a change to what it writes changes this, and built copies are made again. */
export const COMPILED_FORMAT = 'meshline-compiled-3';

const node = (n: unknown) => n as TemplateNode;

class Writer {
  private n = 0;
  readonly filters: FilterUse = new Set();
  /** Templates extended or imported: they must be among those compiled. */
  readonly refs = new Set<string>();
  id(prefix: string): string {
    return `${prefix}${++this.n}`;
  }
}

/** The statements of a body, appending to the output variable `o`. */
function body(n: TemplateNode, scope: Scope, w: Writer, top: Top | undefined): string {
  const out: string[] = [];
  for (const child of n.children ?? []) out.push(statement(child, scope, w, top));
  return out.join('\n');
}

/** A template's own top level: its macros and imports, which its blocks and its parent see by name. */
interface Top {
  names: Map<string, string>;
  macros: string[];
  extendsName?: string;
  /** Its blocks or its parent read these names: they go in the context too, as nunjucks puts them. */
  share: boolean;
}

function statement(n: TemplateNode, scope: Scope, w: Writer, top: Top | undefined): string {
  switch (n.typename) {
    case 'NodeList':
      return body(n, scope, w, top);
    case 'Output':
      return (n.children ?? [])
        .map((c) =>
          c.typename === 'TemplateData'
            ? c.value
              ? `o += ${literal(c.value)};`
              : ''
            : `o += S(${expr(c, scope, w.filters)});`,
        )
        .join('\n');
    case 'If':
      return (
        `if(${expr(node(n.cond), scope, w.filters)}) {\n${statement(node(n.body), scope, w, top)}\n}` +
        (n.else_ ? ` else {\n${statement(node(n.else_), scope, w, top)}\n}` : '')
      );
    case 'For':
      return forLoop(n, scope, w, top);
    case 'Block':
      // Once the template has extended another, its blocks print only where the parent places them.
      if (top?.extendsName) return '';
      return `o += B[${JSON.stringify(node(n.name).value)}](c, B);`;
    case 'Extends':
    case 'FromImport':
    case 'Macro':
      if (!top) throw new Unsupported(`${n.typename} below the top level`);
      return topLevel(n, scope, w, top);
    default:
      throw new Unsupported(`the statement ${n.typename}`);
  }
}

function forLoop(n: TemplateNode, scope: Scope, w: Writer, top: Top | undefined): string {
  const name = node(n.name);
  if (name.typename !== 'Symbol') throw new Unsupported('a loop over pairs');
  const [arr, len, i, v] = [w.id('a'), w.id('n'), w.id('i'), w.id('v')];
  const inner = scope.child();
  inner.set(name.value as string, v);
  let loop = '';
  if (uses(n.body, 'loop')) {
    const l = w.id('loop');
    inner.set('loop', l);
    loop =
      `const ${l} = {index: ${i} + 1, index0: ${i}, revindex: ${len} - ${i}, revindex0: ${len} - ${i} - 1, ` +
      `first: ${i} === 0, last: ${i} === ${len} - 1, length: ${len}};`;
  }
  // A block in a loop sees the loop's names in nunjucks; none of ours has one.
  if (uses(n.body, '', 'Block')) throw new Unsupported('a block in a loop');
  // The loop's name stays bound after it, to nothing (nunjucks' hoisted variable).
  const after = scope.child();
  after.set(name.value as string, 'undefined');
  return [
    `{ let ${arr} = ${expr(node(n.arr), scope, w.filters)}; let ${len};`,
    `if(${arr}) { ${arr} = rt.fromIterator(${arr}); ${len} = ${arr}.length;`,
    `for(let ${i} = 0; ${i} < ${arr}.length; ${i}++) { const ${v} = ${arr}[${i}]; ${loop}`,
    statement(node(n.body), inner, w, undefined),
    '} }',
    n.else_ ? `if (!${len}) {\n${statement(node(n.else_), after, w, top)}\n}` : '',
    '}',
  ].join('\n');
}

function topLevel(n: TemplateNode, scope: Scope, w: Writer, top: Top): string {
  if (n.typename === 'Extends') {
    const t = node(n.template);
    if (t.typename !== 'Literal' || typeof t.value !== 'string') throw new Unsupported('extends by an expression');
    if (top.extendsName) throw new Unsupported('two extends');
    top.extendsName = t.value;
    w.refs.add(t.value);
    return '';
  }
  if (n.typename === 'FromImport') {
    const from = node(n.template);
    if (from.typename !== 'Literal' || typeof from.value !== 'string' || n.withContext)
      throw new Unsupported('an import by an expression or with context');
    w.refs.add(from.value);
    const lines: string[] = [];
    for (const item of node(n.names).children ?? []) {
      const [name, alias] =
        item.typename === 'Pair'
          ? [node(item.key).value as string, node(item.value).value as string]
          : [item.value as string, item.value as string];
      const id = w.id(`m_${alias.replace(/\W/g, '')}_`);
      lines.push(`const ${id} = X(${JSON.stringify(from.value)}, ${JSON.stringify(name)});`);
      if (top.share) lines.push(`c[${JSON.stringify(alias)}] = ${id};`);
      scope.set(alias, id);
      top.names.set(alias, id);
    }
    return lines.join('\n');
  }
  const name = node(n.name).value as string;
  const id = w.id(`m_${name.replace(/\W/g, '')}_`);
  scope.set(name, id);
  top.names.set(name, id);
  if (!name.startsWith('_')) top.macros.push(name);
  return `const ${id} = ${macro(n, w)};` + (top.share ? `\nc[${JSON.stringify(name)}] = ${id};` : '');
}

/** A macro: nunjucks' own argument handling (rt.makeMacro), a body compiled here. */
function macro(n: TemplateNode, w: Writer): string {
  const params = node(n.args).children ?? [];
  const last = params[params.length - 1];
  const kwargs = last?.typename === 'Dict' || last?.typename === 'KeywordArgs' ? last : undefined;
  const positional = kwargs ? params.slice(0, -1) : params;
  if (positional.some((p) => p.typename !== 'Symbol')) throw new Unsupported('a macro argument that is not a name');
  if (uses(n.body, 'caller')) throw new Unsupported('caller()');
  const scope = new Scope();
  const names = positional.map((p) => p.value as string);
  for (const a of names) scope.set(a, `l_${a}`);
  const defaults = (kwargs?.children ?? []).map((p) => {
    const key = node(p.key).value as string;
    const v = w.id('k');
    // Set at run time in nunjucks: an undefined one is looked up in the context, as any name it does not bind.
    const k = JSON.stringify(key);
    const given = `Object.prototype.hasOwnProperty.call(kwargs, ${k}) ? kwargs[${k}]`;
    const value = `${given} : ${expr(node(p.value), scope, w.filters)}`;
    scope.set(key, `(${v} !== undefined ? ${v} : ${contextLookup(key)})`);
    return { key, line: `const ${v} = ${value};` };
  });
  const code = statement(node(n.body), scope, w, undefined);
  return [
    `rt.makeMacro(${JSON.stringify(names)}, ${JSON.stringify(defaults.map((d) => d.key))},`,
    `function (${[...names.map((a) => `l_${a}`), 'kwargs'].join(', ')}) { let $; kwargs = kwargs || {};`,
    ...defaults.map((d) => d.line),
    `let o = "";\n${code}\nreturn new rt.SafeString(o); })`,
  ].join('\n');
}

/** One template as a module entry: its root, its blocks, what it exports. */
function template(name: string, root: TemplateNode, w: Writer): string {
  const blocks: string[] = [];
  const collect = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    const t = n as TemplateNode;
    if (t.typename === 'Block') {
      const fn = `function (c, B) { let o = "", $;\n${statement(node(t.body), new Scope(), w, undefined)}\nreturn o; }`;
      blocks.push(`${JSON.stringify(node(t.name).value)}: ${fn}`);
    }
    for (const [k, v] of Object.entries(t)) if (k !== 'typename' && typeof v === 'object') collect(v);
  };
  collect(root);
  const children = root.children ?? [];
  const defines = children.some((c) => c.typename === 'Macro' || c.typename === 'FromImport');
  const share = defines && (blocks.length > 0 || children.some((c) => c.typename === 'Extends'));
  const top: Top = { names: new Map(), macros: [], share };
  const code = body(root, new Scope(), w, top);
  const end = top.extendsName ? `return T[${JSON.stringify(top.extendsName)}].root(c, B);` : 'return o;';
  // What an import of it gets: its macros, defined in a context of their own (nunjucks imports without context).
  const defs: Top = { names: new Map(), macros: [], share: false };
  const defsCode = children
    .filter((c) => c.typename === 'Macro' || c.typename === 'FromImport')
    .map((c) => topLevel(c, new Scope(), w, defs))
    .join('\n');
  const macros = defs.macros.map((m) => `${JSON.stringify(m)}: ${defs.names.get(m)}`).join(', ');
  return [
    `T[${JSON.stringify(name)}] = {`,
    `parent: ${top.extendsName ? JSON.stringify(top.extendsName) : 'null'},`,
    `blocks: {${blocks.join(',\n')}},`,
    `root: function (c, B) { let o = "", $;${share ? ' c = Object.create(c);' : ''}\n${code}\n${end} },`,
    `exports: function () { const c = {}; let $;\n${defsCode}\nreturn {${macros}}; },`,
    '};',
  ].join('\n');
}

/**
 * The templates as the source of one function of `rt` (the helpers, see fast-templates.ts) that returns them by name.
 * `parse` is nunjucks' parser with the environment's options. Throws Unsupported for what it does not compile.
 */
export function compileTemplates(sources: Record<string, string>, parse: (src: string) => TemplateNode): string {
  const w = new Writer();
  const parts = Object.entries(sources).map(([name, src]) => {
    try {
      return template(name, parse(src), w);
    } catch (err) {
      throw err instanceof Unsupported ? new Unsupported(`${name}: ${err.message}`) : err;
    }
  });
  for (const ref of w.refs) if (!(ref in sources)) throw new Unsupported(`${ref} is not among the templates`);
  const filters = [...w.filters].map((f) => `const f_${f} = rt.filter(${JSON.stringify(f)});`);
  return [
    '"use strict";',
    'const { S, M, V, G, C, K, fc } = rt;',
    ...filters,
    'const T = {};',
    'const E = {};',
    'const X = (t, n) => {',
    '  const e = (E[t] ??= T[t].exports());',
    // nunjucks' own words for it.
    '  if (!Object.prototype.hasOwnProperty.call(e, n)) throw new Error("cannot import \'" + n + "\'");',
    '  return e[n];',
    '};',
    ...parts,
    'return T;',
  ].join('\n');
}
