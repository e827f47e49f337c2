// Loads Meshline's one-file bundle (dist/bundle/meshline.cjs) with V8's code cache, kept per command in
// dist/bundle/code-cache/: a command then starts without parsing and compiling the code it ran last time. Node 20 has
// no compile cache of its own (module.enableCompileCache is Node 22), and its ES module loader costs more per file than
// require(): measured on a 100,000-post site, eight interleaved runs, CPU of the process: `import` of one line 0.42 ->
// 0.27 s, `render` of it 0.72 -> 0.52 s, `render` with nothing to do 0.36 -> 0.23 s (ES module chunks -> this).
// The build copies this file beside the bundle; plain JavaScript, as it runs before anything else.
'use strict';
const { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');
const { threadId } = require('node:worker_threads');

const FILE = join(__dirname, 'meshline.cjs');
const CACHE = join(__dirname, 'code-cache');
// A command's first runs each leave a cache holding what the last one compiled (a render with nothing to do compiles
// less than one with a new post); after this many the cache stays as it is, and making it (~12 ms) stops.
const LEARNING_RUNS = 3;
let loaded;

/**
 * The bundle's exports (src/program.ts), evaluated once per thread. `kind` names the cache: the command, or
 * `render-worker`. A missing, stale or unreadable cache only costs the compiling; V8 refuses one made from other code
 * or by another Node.js.
 */
function load(kind) {
  if (loaded) return loaded;
  const cacheFile = join(CACHE, `${/^[a-z][a-z-]{0,30}$/.test(kind) ? kind : 'other'}.bin`);
  // V8 checks that a cache was made by this V8 from source of this length; the header also names the bundle's
  // modification time, so a bundle changed in place is not run with another's code.
  const stamp = statSync(FILE).mtimeMs;
  let runs = 0;
  let cachedData;
  try {
    const saved = readFileSync(cacheFile);
    if (saved.length > 9 && saved.readDoubleLE(1) === stamp) {
      runs = saved[0];
      cachedData = saved.subarray(9);
    }
  } catch {
    // None yet.
  }
  const source = readFileSync(FILE, 'utf8');
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: FILE,
    cachedData,
  });
  if (!cachedData || script.cachedDataRejected) runs = 0;
  if (runs < LEARNING_RUNS) process.once('exit', () => save(script, cacheFile, runs + 1, stamp));
  // Code made from a cache has no loader for import() in Node 20 (src/config/plugins.ts asks for this one instead):
  // plugins are ES modules, loaded as the rest of the process loads them.
  globalThis[Symbol.for('meshline.import')] = (url) => import(url);
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(FILE), module, FILE, __dirname);
  loaded = module.exports;
  return loaded;
}

function save(script, file, runs, stamp) {
  try {
    const data = script.createCachedData();
    mkdirSync(CACHE, { recursive: true });
    // Renamed into place whole: another command reading it meanwhile sees the old cache or the new one.
    const part = `${file}.${process.pid}.${threadId}`;
    const header = Buffer.alloc(9);
    header[0] = runs;
    header.writeDoubleLE(stamp, 1);
    writeFileSync(part, Buffer.concat([header, data]));
    renameSync(part, file);
  } catch {
    // A read-only installation runs without the cache.
  }
}

module.exports = { load };
