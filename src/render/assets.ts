// The site's assets: the style sheet and scripts named by their content (so they can be cached for ever), the icon
// at its fixed address, and any other file a theme's `assets/` adds. A theme's file wins over the built-in one of
// the same name (README "Themes").
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FAVICON_PATH } from '../core/paths.ts';

export interface Asset {
  path: string;
  content: string | Buffer;
}

/** The built-in assets Meshline names itself; anything else in a theme's `assets/` is copied as it is. */
const KNOWN = new Set(['style.css', 'search.js', 'unlock.js', 'time.js', 'embed.js', 'favicon.svg']);

export class SiteAssets {
  private readonly cache = new Map<string, Asset>();

  /** `dirs`: template folders, the theme's first, the built-in one last. */
  constructor(private readonly dirs: readonly string[]) {}

  /** Where a file of `assets/` comes from: the first folder that has it. */
  source(name: string): string {
    for (const dir of this.dirs) {
      const file = join(dir, 'assets', name);
      if (existsSync(file)) return file;
    }
    throw new Error(`assets/${name} is in none of ${this.dirs.join(', ')}`);
  }

  /** A text asset named by its content: `assets/<stem>-<hash>.<ext>`. */
  private hashed(name: string): Asset {
    let a = this.cache.get(name);
    if (!a) {
      const content = readFileSync(this.source(name), 'utf8');
      const hash = createHash('sha256').update(content).digest('hex').slice(0, 10);
      const dot = name.lastIndexOf('.');
      a = { path: `assets/${name.slice(0, dot)}-${hash}${name.slice(dot)}`, content };
      this.cache.set(name, a);
    }
    return a;
  }

  get css(): Asset {
    return this.hashed('style.css');
  }
  get search(): Asset {
    return this.hashed('search.js');
  }
  get unlock(): Asset {
    return this.hashed('unlock.js');
  }
  get time(): Asset {
    return this.hashed('time.js');
  }
  get embed(): Asset {
    return this.hashed('embed.js');
  }
  get icon(): Asset {
    return { path: FAVICON_PATH, content: readFileSync(this.source('favicon.svg'), 'utf8') };
  }

  /** Files a theme adds (fonts, images, scripts of its own), at `assets/<name>`, read as bytes. */
  extras(): Asset[] {
    const out: Asset[] = [];
    const seen = new Set<string>();
    for (const dir of this.dirs.slice(0, -1)) {
      const folder = join(dir, 'assets');
      if (!existsSync(folder)) continue;
      for (const name of readdirSync(folder).sort()) {
        if (KNOWN.has(name) || seen.has(name) || !statSync(join(folder, name)).isFile()) continue;
        seen.add(name);
        out.push({ path: `assets/${name}`, content: readFileSync(join(folder, name)) });
      }
    }
    return out;
  }
}
