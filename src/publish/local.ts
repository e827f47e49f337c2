// The local publish target: mirrors the output folder into another folder (a web server's root, a synced folder).
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export interface PublishTarget {
  readonly name: string;
  put(path: string): Promise<void>;
  delete(path: string): Promise<void>;
}

export class LocalFolderTarget implements PublishTarget {
  readonly name: string;
  constructor(private readonly outputDir: string, private readonly dir: string) {
    this.name = `folder ${dir}`;
  }

  /** True when there is nothing to copy: the site folder is the published folder. */
  static isSameFolder(outputDir: string, dir: string): boolean {
    return !dir || resolve(outputDir) === resolve(dir);
  }

  async put(path: string): Promise<void> {
    const dest = join(this.dir, path);
    await mkdir(dirname(dest), { recursive: true });
    await copyFile(join(this.outputDir, path), dest + '.tmp');
    await rename(dest + '.tmp', dest);
  }

  async delete(path: string): Promise<void> {
    await rm(join(this.dir, path), { force: true });
  }
}
