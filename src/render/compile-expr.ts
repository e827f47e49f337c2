// Expressions of nunjucks templates as JavaScript, written as nunjucks' own compiler writes them (the same operators,
// unparenthesised where it leaves them so, so JavaScript reads them the same way), with its runtime's lookups and calls
// replaced by small functions (`compile.ts` has the helpers they call): no frame walked, no wrapper per member read.

/** A node of nunjucks' parse tree; its typings do not describe it. */
export interface TemplateNode {
  typename: string;
  value?: unknown;
  children?: TemplateNode[];
  [field: string]: unknown;
}

/** A template uses what these compilers do not: it is rendered by nunjucks. */
export class Unsupported extends Error {}

/** Names a scope binds at compile time, to JavaScript expressions. */
export class Scope {
  private readonly names = new Map<string, string>();
  constructor(private readonly parent?: Scope) {}
  set(name: string, js: string): void {
    this.names.set(name, js);
  }
  get(name: string): string | undefined {
    return this.names.get(name) ?? this.parent?.get(name);
  }
  child(): Scope {
    return new Scope(this);
  }
}

/** Filters the compiled code holds once (`f_<name>`). */
export type FilterUse = Set<string>;

const COMPARE: Record<string, string> = {
  '==': '==',
  '===': '===',
  '!=': '!=',
  '!==': '!==',
  '<': '<',
  '>': '>',
  '<=': '<=',
  '>=': '>=',
};

const BINARY: Record<string, string> = {
  Or: ' || ',
  And: ' && ',
  Add: ' + ',
  Concat: ' + "" + ',
  Sub: ' - ',
  Mul: ' * ',
  Div: ' / ',
  Mod: ' % ',
};

const node = (n: unknown) => n as TemplateNode;

export function literal(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Unsupported(`a literal ${typeof value}`);
}

/**
 * nunjucks' Context.lookup written out at its place, so each has its own inline cache (one shared function saw every
 * name and shape): the data's name, else the global (`G`).
 */
export function contextLookup(name: string): string {
  const k = JSON.stringify(name);
  return `(${k} in c ? c[${k}] : G[${k}])`;
}

/** One expression: `c` is the render's context object in the code. */
export function expr(n: TemplateNode, scope: Scope, filters: FilterUse): string {
  const e = (x: unknown) => expr(node(x), scope, filters);
  const list = (x: unknown) => (node(x).children ?? []).map(e).join(',');
  switch (n.typename) {
    case 'Literal':
      return literal(n.value);
    case 'Symbol':
      return scope.get(n.value as string) ?? contextLookup(n.value as string);
    case 'LookupVal': {
      const key = node(n.val);
      if (key.typename !== 'Literal' || typeof key.value !== 'string') return `M((${e(n.target)}),${e(n.val)})`;
      // rt.M with the read at its place; `$` (each compiled function has its own) keeps the object, a method's `this`.
      const k = JSON.stringify(key.value);
      return `V(($ = ${e(n.target)}) === undefined || $ === null ? undefined : $[${k}], $)`;
    }
    case 'Group':
      return `(${list(n)})`;
    case 'Array':
      return `[${list(n)}]`;
    case 'Dict':
      return `{${(n.children ?? []).map((p) => pair(p, scope, filters)).join(',')}}`;
    case 'KeywordArgs':
      return `K({${(n.children ?? []).map((p) => pair(p, scope, filters)).join(',')}})`;
    case 'InlineIf':
      return `(${e(n.cond)}?${e(n.body)}:${n.else_ ? e(n.else_) : '""'})`;
    case 'In':
      return `rt.inOperator(${e(n.left)},${e(n.right)})`;
    case 'Not':
      return `!${e(n.target)}`;
    case 'Neg':
      return `-${e(n.target)}`;
    case 'Pos':
      return `+${e(n.target)}`;
    case 'FloorDiv':
      return `Math.floor(${e(n.left)} / ${e(n.right)})`;
    case 'Pow':
      return `Math.pow(${e(n.left)}, ${e(n.right)})`;
    case 'Compare':
      return (
        e(n.expr) +
        (n.ops as TemplateNode[])
          .map((op) => {
            const js = COMPARE[op.type as string];
            if (!js) throw new Unsupported(`the comparison ${String(op.type)}`);
            return ` ${js} ${e(op.expr)}`;
          })
          .join('')
      );
    case 'FunCall': {
      const name = node(n.name);
      if (name.typename === 'Symbol' && (name.value === 'super' || name.value === 'caller'))
        throw new Unsupported(`${name.value}()`);
      const callee = e(name);
      const args = list(n.args);
      // A macro this template defined or imported is called as it is; anything else is checked first, as nunjucks does.
      if (name.typename === 'Symbol' && scope.get(name.value as string)?.startsWith('m_')) return `${callee}(${args})`;
      return `C(${callee})(${args})`;
    }
    case 'Filter': {
      const name = node(n.name);
      if (name.typename !== 'Symbol') throw new Unsupported('a filter named by an expression');
      const filter = name.value as string;
      if (!/^\w+$/.test(filter)) throw new Unsupported(`the filter ${filter}`);
      filters.add(filter);
      return `f_${filter}.call(fc,${list(n.args)})`;
    }
    default: {
      const op = BINARY[n.typename];
      if (op) return e(n.left) + op + e(n.right);
      throw new Unsupported(`the expression ${n.typename}`);
    }
  }
}

function pair(p: TemplateNode, scope: Scope, filters: FilterUse): string {
  const key = node(p.key);
  if (!(key.typename === 'Symbol' || (key.typename === 'Literal' && typeof key.value === 'string')))
    throw new Unsupported('a key that is not a name');
  return `${JSON.stringify(key.value)}: ${expr(node(p.value), scope, filters)}`;
}

/** Whether any node under `n` is the symbol `name` (a loop's `loop`), or with `typename` a node of that kind. */
export function uses(n: unknown, name: string, typename = 'Symbol'): boolean {
  if (!n || typeof n !== 'object') return false;
  if (Array.isArray(n)) return n.some((x) => uses(x, name, typename));
  const t = n as TemplateNode;
  if (t.typename === typename && (typename !== 'Symbol' || t.value === name)) return true;
  return Object.entries(t).some(([k, v]) => k !== 'typename' && typeof v === 'object' && uses(v, name, typename));
}
