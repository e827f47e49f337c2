// Where Meshline is installed: the folder with package.json and templates/, above src/app, dist/src/app or dist/bundle.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = ((): string => {
  for (let d = dirname(fileURLToPath(import.meta.url)); d !== dirname(d); d = dirname(d))
    if (existsSync(join(d, 'package.json'))) return d;
  throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
})();
