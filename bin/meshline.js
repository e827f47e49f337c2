#!/usr/bin/env node
// Runs the compiled JavaScript in dist/, compiling it first when it is missing or older than the sources (after a
// `git pull`, or an edit), so nobody runs stale code. CommonJS (bin/package.json), scripts/build.mjs loaded only when
// a build is due, and the sources looked at from the build's list: Node's ES module loader, the build script's imports
// and the walk through every source folder were ~35 ms of each command's start (README, Benchmark).
'use strict';
const { existsSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const ENTRY = join(ROOT, 'dist', 'bundle', 'meshline.cjs');
/** Runs ENTRY with the code cache: `require(LOADER).load(kind)` gives src/program.ts's exports. */
const LOADER = join(ROOT, 'dist', 'bundle', 'load.cjs');
/** The sources the build was made from (scripts/build.mjs writes it). */
const SOURCE_LIST = join(ROOT, 'dist', 'sources.json');

/**
 * Whether a source changed after `built`: each file and folder of the list looked at, none walked (239 looks, ~5 ms
 * here; on the thread pool while the bundle loads, they slowed the loading more than they saved). An installed
 * package ships dist/ without src/: nothing to compare with.
 */
function changedSince(built) {
  if (!existsSync(join(ROOT, 'src'))) return false;
  let list;
  try {
    list = JSON.parse(readFileSync(SOURCE_LIST, 'utf8'));
  } catch {
    // A build from before the list: made again, with one.
    return true;
  }
  for (const path of list) {
    // Gone, or changed: a folder's time is its list of files'.
    // Joined by hand: the list's paths are relative and normal, and path.join's normalizing was half of this look.
    const s = statSync(`${ROOT}/${path}`, { throwIfNoEntry: false });
    if (!s || s.mtimeMs > built) return true;
  }
  return false;
}

async function build() {
  try {
    await (await import('../scripts/build.mjs')).build();
  } catch (err) {
    process.stderr.write(`meshline: ${err.message}\n`);
    process.exit(1);
  }
}

/** The command, which names its code cache: the first word that is neither an option nor an option's value. */
function commandOf(args) {
  for (let i = 0; i < args.length; i++) {
    if (['-c', '--config', '--log-format'].includes(args[i])) i++;
    else if (!args[i].startsWith('-')) return args[i];
  }
  return 'help';
}

async function loadProgram(command) {
  try {
    return require(LOADER).load(command);
  } catch (err) {
    // Another command swapping in a fresh build leaves dist/ missing for an instant: wait for it once.
    if (!['MODULE_NOT_FOUND', 'ENOENT'].includes(err?.code) || !String(err.message).includes('dist')) throw err;
    await new Promise((r) => setTimeout(r, 500));
    return require(LOADER).load(command);
  }
}

async function main() {
  const built = statSync(ENTRY, { throwIfNoEntry: false });
  if (!built || changedSince(built.mtimeMs)) await build();
  const program = await loadProgram(commandOf(process.argv.slice(2)));
  await program.cli();
}

main().catch((err) => {
  process.stderr.write(`meshline: ${err?.stack ?? err}\n`);
  process.exit(1);
});
