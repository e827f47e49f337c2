// Compiles Meshline's TypeScript into dist/ with TypeScript's own compiler, then bundles the command and the render
// worker into a few files (dist/bundle/): loading some 250 modules one by one, `meshline import` of one line took
// 0.45 s, bundled 0.32 s (medians of eight on a 100,000-post site). `npm run build` runs it, and so does
// bin/meshline.js when dist/ is missing or older than the sources (after a `git pull`), so nobody runs stale code.
// Plain JavaScript: it has to work before anything is compiled.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const ENTRY = join(ROOT, 'dist', 'bundle', 'meshline.js');
/** Pure JavaScript packages the bundle takes in (zod alone is 95 modules); the rest load as packages at run time. */
const BUNDLED = new Set(['zod', 'yaml', 'commander']);
const SOURCES = ['src', 'adapters', 'templates', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

function newest(path) {
  const s = statSync(path, { throwIfNoEntry: false });
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  let max = s.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

/** True when dist/ is missing, or a source (or the compiler settings) changed after it was built. */
export function isStale() {
  const built = statSync(ENTRY, { throwIfNoEntry: false });
  if (!built) return true;
  // An installed package ships dist/ without src/: nothing to compare with.
  if (!existsSync(join(ROOT, 'src'))) return false;
  return SOURCES.some((s) => newest(join(ROOT, s)) > built.mtimeMs);
}

/** The built-in templates, compiled and checked with the code just compiled (src/render/precompiled.ts). */
function precompileTemplates(out) {
  const r = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const p = await import(${JSON.stringify(pathToFileURL(join(out, 'src/render/precompiled.js')).href)});
       process.stdout.write(p.precompiledModule(${JSON.stringify(join(ROOT, 'templates'))}));`,
    ],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  if (r.status !== 0) throw new Error(`compiling the templates failed: ${r.stderr}`);
  writeFileSync(join(out, 'templates.cjs'), r.stdout);
}

/** The compiled command, render worker and plugin API as a few files; what only some commands need is a chunk apart. */
async function bundle(out, require) {
  const esbuild = require('esbuild');
  await esbuild.build({
    // The plugin API too: a plugin's errors, logger and zod must be the very ones the command uses.
    entryPoints: {
      meshline: join(out, 'src/cli/index.js'),
      'render-worker': join(out, 'src/app/render-worker.js'),
      plugin: join(out, 'src/plugin.js'),
    },
    outdir: join(out, 'bundle'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Every command parses the chunks it loads before running a line: without the whitespace and with shorter syntax
    // they are a third smaller. Names stay, so errors and profiles still name their functions.
    minifyWhitespace: true,
    minifySyntax: true,
    // The CommonJS packages taken in call require() for Node's own modules.
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module';\n" +
      'const require = __bundleRequire(import.meta.url);' },
    plugins: [packagesOutside, englishOnlyZod],
    logLevel: 'error',
  });
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
