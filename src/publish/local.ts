// The local publish target: mirrors the output folder into another folder (a web server's root, a synced folder).
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { SourceGone, type PublishTarget } from './target.ts';
import { pruneEmptyDirs } from '../site/writer.ts';

export class LocalFolderTarget implements PublishTarget {
  readonly name: string;
  readonly concurrency = 4;
  readonly attempts = 3;
  requests = 0;
  constructor(
    private readonly outputDir: string,
    private readonly dir: string,
  ) {
    this.name = `folder ${dir}`;
  }

  /** True when there is nothing to copy: the site folder is the published folder. */
  static isSameFolder(outputDir: string, dir: string): boolean {
    return !dir || resolve(outputDir) === resolve(dir);
  }

  async put(path: string): Promise<number> {
    this.requests++;
    const source = join(this.outputDir, path);
    // Only a missing source is "gone"; a folder that cannot be written (read-only, full) is a failure.
    if (!(await stat(source).catch(() => undefined))) throw new SourceGone(`${path} is no longer in the site folder`);
    const dest = join(this.dir, path);
    await mkdir(dirname(dest), { recursive: true });
    await copyFile(source, dest + '.tmp');
    await rename(dest + '.tmp', dest);
    return (await stat(dest)).size;
  }

  async delete(path: string): Promise<void> {
    this.requests++;
    const full = join(this.dir, path);
    await rm(full, { force: true });
    // A folder left with nothing in it goes too, as it does in the site folder.
    pruneEmptyDirs(dirname(full), resolve(this.dir));
  }

  async list(): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const walk = async (dir: string): Promise<void> => {
      for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        const p = join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else
          out.set(
            relative(this.dir, p).split('\\').join('/'),
            createHash('md5')
              .update(await readFile(p))
              .digest('hex'),
          );
      }
    };
    await walk(this.dir);
    return out;
  }
}
