// Issue 13: no import cycles among Meshline's modules. A cycle makes load order decide what is undefined at
// start-up; only static imports that load code count (`import type` is erased, `await import()` is lazy).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

/** The relative modules a file loads when it is loaded. */
export function staticImports(source: string): string[] {
  const out: string[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?([^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (const m of source.matchAll(re)) if (!m[2]) out.push(m[4]!);
  return out;
}

function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

test('staticImports: what loads code, and what does not', () => {
  const cases: [string, string[]][] = [
    ["import { a } from './a.ts';", ['./a.ts']],
    ["import type { A } from './a.ts';", []],
    ["export { a } from '../b/index.ts';", ['../b/index.ts']],
    ["export type { A } from './a.ts';", []],
    ["const m = await import('./lazy.ts');", []],
    ["import {\n  a,\n  b,\n} from './multi.ts';", ['./multi.ts']],
    ["import 'node:fs';\nimport { z } from 'zod';", []],
  ];
  for (const [source, want] of cases) assert.deepEqual(staticImports(source), want, source);
});

test('issue 13: no import cycles in src/ and adapters/', () => {
  const graph = new Map<string, string[]>();
  for (const file of [...files('src'), ...files('adapters')]) {
    const deps = staticImports(readFileSync(file, 'utf8')).map((s) => normalize(join(dirname(file), s)));
    graph.set(relative('.', file), deps);
  }
  assert.ok(graph.size > 50, 'the walk found the sources');
  assert.deepEqual(cycles(graph), []);
});

test('the cycle finder finds a cycle', () => {
  const g = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a']],
  ]);
  assert.deepEqual(cycles(g), [['a', 'b', 'c', 'a']]);
});
