#!/usr/bin/env node
// Runs the compiled JavaScript in dist/, compiling it first when it is missing or older than the sources.
import { createRequire } from 'node:module';
import { build, isStale, LOADER } from '../scripts/build.mjs';

if (isStale()) {
  try {
    await build();
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
const command = commandOf(process.argv.slice(2));
const require = createRequire(import.meta.url);
let program;
try {
  program = require(LOADER).load(command);
} catch (err) {
  // Another command swapping in a fresh build leaves dist/ missing for an instant: wait for it once.
  if (!['MODULE_NOT_FOUND', 'ENOENT'].includes(err?.code) || !String(err.message).includes('dist')) throw err;
  await new Promise((r) => setTimeout(r, 500));
  program = require(LOADER).load(command);
}
await program.cli();
