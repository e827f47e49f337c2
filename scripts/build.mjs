// Compiles Meshline's TypeScript into dist/ with TypeScript's own compiler. `npm run build` runs it, and so does
// bin/meshline.js when dist/ is missing or older than the sources (after a `git pull`), so nobody runs stale code.
// Plain JavaScript: it has to work before anything is compiled.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const ENTRY = join(ROOT, 'dist', 'src', 'cli', 'index.js');
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

/** Compiles into a fresh folder and swaps it in, so a run that starts meanwhile sees the old dist/ or the new one. */
export function build({ quiet = false } = {}) {
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
    build({ quiet: true });
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}
