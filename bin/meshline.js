#!/usr/bin/env node
// Runs the compiled JavaScript in dist/, compiling it first when it is missing or older than the sources.
import { build, ENTRY, isStale } from '../scripts/build.mjs';

if (isStale()) {
  try {
    await build();
  } catch (err) {
    process.stderr.write(`meshline: ${err.message}\n`);
    process.exit(1);
  }
}
try {
  await import(ENTRY);
} catch (err) {
  // Another command swapping in a fresh build leaves dist/ missing for an instant: wait for it once.
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes(ENTRY)) throw err;
  await new Promise((r) => setTimeout(r, 500));
  await import(ENTRY);
}
