// Loads Meshline's one-file bundle (dist/bundle/meshline.cjs) with V8's code cache, kept per command in
// dist/bundle/code-cache/: a command then starts without parsing and compiling the code it ran last time. Node 20 has
// no compile cache of its own (module.enableCompileCache is Node 22), and its ES module loader costs more per file than
// require(). Measured on a 100,000-post site through bin/meshline.js, eight interleaved runs, CPU of the process
// (README, Benchmark): `import` of one line 0.53 -> 0.37 s, `render` of it 0.87 -> 0.74 s (ES module chunks -> this).
// The build copies this file beside the bundle; plain JavaScript, as it runs before anything else.
'use strict';
const { accessSync, closeSync, constants, fstatSync, mkdirSync, openSync } = require('node:fs');
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

const FILE = join(__dirname, 'meshline.cjs');
const CACHE = join(__dirname, 'code-cache');
// A command's first runs each leave a cache holding what the last one compiled (a render with nothing to do compiles
// less than one with a new post); after this many the cache stays as it is, and making it (~12 ms) stops.
const LEARNING_RUNS = 3;
/** Run count (1 byte), then the bundle's size, inode and modification time (float64 each). */
const HEADER = 25;
let loaded;

// A young generation that does not grow for a command's first second: a short command (one new post's `import` and
// `render`) then collects in the same few pages again instead of faulting in fresh ones at ~22 us each (1,900 fewer
// faults; import + render processes 1,036 -> 972 ms in twelve interleaved pairs at 100,000 posts), and longer work
// grows it as V8 does by default, unstarved. V8 reads the factor at each growth. The code caches are compiled and made
// with the first value, as V8 refuses a cache made under other flags.
const CACHED_GROWTH = 1;
const DEFAULT_GROWTH = 2;
const SHORT_MS = 1000;
const youngGrowth = (factor) => require('node:v8').setFlagsFromString(`--semi-space-growth-factor=${factor}`);

/**
 * The bundle's exports (src/program.ts), evaluated once per thread. `kind` names the cache: the command, or
 * `render-worker`. A missing, stale or unreadable cache only costs the compiling.
 */
function load(kind) {
  if (loaded) return loaded;
  // Each young-generation collection on one thread, not shared out to helpers: a full render's two threads keep both
  // cores busy, and a collection waited for helpers that had no core (a worker's took 4 ms on the median, 8 ms at the
  // 90th percentile). Interleaved pairs at 100,000 posts: full render 15.3 -> 14.5 s (medians of four), one post as
  // import + render processes 1,078 -> 1,056 ms (twelve). V8 reads it at each collection; set before any code is
  // compiled, so the code caches made and read carry the same flags.
  require('node:v8').setFlagsFromString('--no-parallel-scavenge');
  youngGrowth(CACHED_GROWTH);
  const cacheFile = join(CACHE, `${/^[a-z][a-z-]{0,30}$/.test(kind) ? kind : 'other'}.bin`);
  // V8 refuses a cache made by another V8 or with other flags, but of the source it checks only the length: the header
  // names the very file read (one descriptor for both, so a build swapped in meanwhile cannot pair them wrongly).
  const fd = openSync(FILE, 'r');
  let source;
  const stamp = Buffer.alloc(HEADER);
  try {
    const s = fstatSync(fd);
    stamp.writeDoubleLE(s.size, 1);
    stamp.writeDoubleLE(s.ino, 9);
    stamp.writeDoubleLE(s.mtimeMs, 17);
    // ASCII, as the build checks: Latin-1 reads it without UTF-8's decoding.
    source = readFileSync(fd, 'latin1');
  } finally {
    closeSync(fd);
  }
  let runs = 0;
  let cachedData;
  try {
    const saved = readFileSync(cacheFile);
    if (saved.length > HEADER && saved.subarray(1, HEADER).equals(stamp.subarray(1))) {
      runs = saved[0];
      cachedData = saved.subarray(HEADER);
    }
  } catch {
    // None yet.
  }
  // The file is a function expression (scripts/build.mjs wraps the bundle): compiled from the very string read, as
  // a wrapper added here would be a second megabyte for V8 to flatten.
  const script = new Script(source, { filename: FILE, cachedData });
  // A worker is part of a large render; a command grows its young generation once it has run for a while.
  if (kind === 'render-worker') youngGrowth(DEFAULT_GROWTH);
  else setTimeout(() => youngGrowth(DEFAULT_GROWTH), SHORT_MS).unref();
  if (!cachedData || script.cachedDataRejected) runs = 0;
  if (runs < LEARNING_RUNS && writable()) {
    stamp[0] = runs + 1;
    process.once('exit', () => save(script, cacheFile, stamp));
  }
  // A script compiled with vm has no loader for import() unless given one, and Node 20's (the main context's) is
  // experimental and says so on every run: plugins, ES modules, are imported through this function instead
  // (src/config/plugins.ts), as the rest of the process imports.
  globalThis[Symbol.for('meshline.import')] = (url) => import(url);
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(FILE), module, FILE, __dirname);
  loaded = module.exports;
  return loaded;
}

/** A read-only installation runs without the cache, and does not make one at every exit. */
function writable() {
  try {
    accessSync(__dirname, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function save(script, file, header) {
  try {
    youngGrowth(CACHED_GROWTH);
    const data = script.createCachedData();
    youngGrowth(DEFAULT_GROWTH);
    // Not recursive: while a build swaps dist/ in, a folder made here would stand in its way.
    try {
      mkdirSync(CACHE);
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    // Renamed into place whole: another command reading it meanwhile sees the old cache or the new one.
    // worker_threads is loaded here only: ~2 ms of every start, for a name needed in a command's first runs.
    const part = `${file}.${process.pid}.${require('node:worker_threads').threadId}`;
    writeFileSync(part, Buffer.concat([header, data]));
    renameSync(part, file);
  } catch {
    // The folder went (a build swapped dist/), or cannot be written: next time.
  }
}

module.exports = { load };
