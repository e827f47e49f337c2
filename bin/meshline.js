#!/usr/bin/env node
// Runs the compiled JavaScript in dist/, compiling it first when it is missing or older than the sources.
import { build, ENTRY, isStale } from '../scripts/build.mjs';

if (isStale()) {
  try {
    build();
  } catch (err) {
    process.stderr.write(`meshline: ${err.message}\n`);
    process.exit(1);
  }
}
await import(ENTRY);
