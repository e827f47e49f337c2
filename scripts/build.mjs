// Compiles Meshline's TypeScript into dist/ with TypeScript's own compiler, then bundles the command, the render
// worker and the plugin API into one CommonJS file (dist/bundle/meshline.cjs) that scripts/load.cjs runs with V8's
// code cache: loading some 250 modules one by one, `meshline import` of one line took 0.45 s, as ES module chunks
// 0.32 s, as this file 0.27 s (CPU on a 100,000-post site). `npm run build` runs it, and so does bin/meshline.js when
// dist/ is missing or older than the sources (after a `git pull`), so nobody runs stale code.
// Plain JavaScript: it has to work before anything is compiled.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const ENTRY = join(ROOT, 'dist', 'bundle', 'meshline.cjs');
/** What the build is made from: bin/meshline.js builds again when one of these changed. */
const SOURCES = [
  'src',
  'adapters',
  'templates',
  'scripts/build.mjs',
  'scripts/load.cjs',
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
];

/**
 * Every file and folder of the sources, relative to ROOT: bin/meshline.js looks at each (a folder's time changes when
 * a file is added, removed or renamed in it) without walking them at every command.
 */
function sourceList() {
  const list = [];
  const walk = (path) => {
    const s = statSync(join(ROOT, path), { throwIfNoEntry: false });
    if (!s) return;
    list.push(path);
    if (s.isDirectory()) for (const name of readdirSync(join(ROOT, path))) walk(`${path}/${name}`);
  };
  for (const s of SOURCES) walk(s);
  return list;
}

/** Pure JavaScript packages the bundle takes in (zod alone is 95 modules); the rest load as packages at run time. */
const BUNDLED = new Set(['zod', 'yaml', 'commander']);

/**
 * What `expression` gives, `module` being the compiled file at `path` (under `out`): run in a process of its own, as
 * the code just compiled is not this one's. `what` names the step in an error.
 */
function fromCompiled(out, path, expression, what) {
  const url = JSON.stringify(pathToFileURL(join(out, path)).href);
  const r = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `const module = await import(${url}); process.stdout.write(${expression});`],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  if (r.status !== 0) throw new Error(`${what} failed: ${r.stderr}`);
  return r.stdout;
}

/** The built-in templates, compiled and checked with the code just compiled (src/render/precompiled.ts). */
function precompileTemplates(out) {
  const templates = JSON.stringify(join(ROOT, 'templates'));
  const made = `module.precompiledModule(${templates})`;
  const code = fromCompiled(out, 'src/render/precompiled.js', made, 'compiling the templates');
  writeFileSync(join(out, 'templates.cjs'), code);
}

/** The names the plugin API exports at run time (its types are in dist/src/plugin.d.ts). */
function pluginNames(out) {
  const names = fromCompiled(out, 'src/plugin.js', 'JSON.stringify(Object.keys(module))', 'reading the plugin API');
  return JSON.parse(names);
}

/**
 * The compiled command, render worker and plugin API as one file, with the small files that start each: what a
 * command does not run stays unevaluated (esbuild wraps what src/program.ts imports lazily), and unparsed once the
 * code cache knows the command.
 */
async function bundle(out, require) {
  const esbuild = require('esbuild');
  const dir = join(out, 'bundle');
  await esbuild.build({
    entryPoints: { meshline: join(out, 'src/program.js') },
    outdir: dir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // Without the whitespace and with shorter syntax the file is a third smaller to read and hash. Names stay, so
    // errors and profiles still name their functions.
    minifyWhitespace: true,
    minifySyntax: true,
    // Modules find the installation and their packages from their own address: the bundle's.
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: `var __bundleUrl = require("node:url").pathToFileURL(__filename).href;${ON_USE}` },
    plugins: [packagesOutside, englishOnlyZod, commanderSpawnsLazily],
    logLevel: 'error',
  });
  // Written as the function the loader compiles (strict, as the ES modules it was built from; esbuild's own directive
  // comes after the banner): the loader's Script takes the file's text as it is read, with no copy made to wrap it.
  const file = join(dir, 'meshline.cjs');
  const code = builtinsOnUse(readFileSync(file, 'utf8'));
  // esbuild writes ASCII (its default charset escapes the rest), and the loader reads the file as Latin-1, which for
  // ASCII is the same text without UTF-8's decoding (~5 ms of every command).
  const wide = /[^\x00-\x7f]/.exec(code);
  if (wide) throw new Error(`the bundle has a character outside ASCII at ${wide.index} (the loader reads Latin-1)`);
  writeFileSync(file, `(function (exports, require, module, __filename, __dirname) {'use strict';${code}\n})`);
  copyFileSync(join(ROOT, 'scripts', 'load.cjs'), join(dir, 'load.cjs'));
  writeFileSync(join(dir, 'render-worker.cjs'), "require('./load.cjs').load('render-worker').renderWorker();\n");
  // `meshline/plugin` for a plugin's `import`: the running command's own modules (the loader keeps one bundle per
  // thread), so a plugin's errors, logger and zod are the very ones the command uses.
  writeFileSync(
    join(dir, 'plugin.js'),
    "import { createRequire } from 'node:module';\n" +
      "const api = await createRequire(import.meta.url)('./load.cjs').load('plugin').pluginApi();\n" +
      `export const { ${pluginNames(out).join(', ')} } = api;\n`,
  );
}

/**
 * Node's modules that most commands never call, each loaded at its first use: esbuild requires a module where a file of
 * the bundle imports it, and `import` of one line loaded crypto (with its streams), worker_threads, fs/promises, os,
 * readline and net, ~17 ms, for nothing. Named imports are read as properties of what `require` returned
 * (`(0, import_node_crypto.createHash)(...)`), so a stand-in that requires the module at the first read changes nothing
 * else; the build stops if one is imported any other way.
 */
const ON_USE_MODULES = [
  'node:crypto',
  'node:worker_threads',
  'node:fs/promises',
  'node:os',
  'node:readline',
  'node:net',
];
const ON_USE = 'var __onUse = (id) => { let m; return new Proxy({}, { get: (_, k) => (m ??= require(id))[k] }); };';

function builtinsOnUse(code) {
  let out = code;
  for (const id of ON_USE_MODULES) {
    const required = `require(${JSON.stringify(id)})`;
    const all = out.split(required).length - 1;
    const named = new RegExp(`\\b(import_[\\w$]+)=${required.replace(/[()/]/g, '\\$&')}`, 'g');
    const uses = out.match(named)?.length ?? 0;
    if (uses !== all) throw new Error(`${id} is required other than for named imports (${all - uses} of ${all})`);
    out = out.replace(named, `$1=__onUse(${JSON.stringify(id)})`);
  }
  return out;
}

/**
 * Every package but the BUNDLED ones stays outside the bundle, its deep paths too: a module Meshline patches
 * (`@xmpp/tls/lib/Socket.js`, adapters/xmpp/ca.ts) must be the one its package loads, not a copy.
 */
const packagesOutside = {
  name: 'packages-outside',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const parts = args.path.split('/');
      const name = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      return BUNDLED.has(name) ? undefined : { external: true };
    });
  },
};

/**
 * zod's `z.locales` holds error messages in 60 languages; built as a namespace for the plugin API's `z`, they doubled
 * the code every command loads (763 KB against 399 KB). The messages Meshline shows are English: a plugin finds
 * `z.locales.en` and no other.
 */
const englishOnlyZod = {
  name: 'english-only-zod',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: join(ROOT, 'node_modules', 'zod', 'v4', 'locales'),
    }));
  },
};

/**
 * commander loads node:child_process as it starts, for subcommands that are programs of their own (Meshline has none):
 * 2-5 ms of every command's start. It is loaded when one is spawned instead; the build stops if the line has changed.
 */
const commanderSpawnsLazily = {
  name: 'commander-spawns-lazily',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const code = readFileSync(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!code.includes(eager)) throw new Error(`${args.path} no longer loads child_process as the build expects`);
      const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return { contents: code.replace(eager, lazy), loader: 'js' };
    });
  },
};

/** Compiles into a fresh folder and swaps it in, so a run that starts meanwhile sees the old dist/ or the new one. */
export async function build({ quiet = false } = {}) {
  let tsc;
  try {
    tsc = join(dirname(createRequire(join(ROOT, 'package.json')).resolve('typescript/package.json')), 'bin', 'tsc');
  } catch {
    throw new Error(`${ENTRY} is missing or out of date and TypeScript is not installed: run npm ci, then npm run ` +
      `build`);
  }
  const tmp = join(ROOT, `dist.${process.pid}`);
  // Listed before compiling: a file added meanwhile is newer than the build, and its folder with it.
  const sources = sourceList();
  if (!quiet) process.stderr.write('meshline: compiling the TypeScript sources into dist/ …\n');
  const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', tmp], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    throw new Error('compiling Meshline failed (see above)');
  }
  try {
    precompileTemplates(tmp);
    await bundle(tmp, createRequire(join(ROOT, 'package.json')));
    writeFileSync(join(tmp, 'sources.json'), JSON.stringify(sources));
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  const old = join(ROOT, `dist.old.${process.pid}`);
  const dist = join(ROOT, 'dist');
  if (existsSync(dist)) renameSync(dist, old);
  try {
    renameSync(tmp, dist);
  } catch {
    // Another build swapped its copy in first; theirs is as good as ours.
    rmSync(tmp, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await build({ quiet: true });
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}
