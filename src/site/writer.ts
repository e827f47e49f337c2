// Writes the site folder, touching only files whose bytes changed, and reports what changed for the manifest.
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

export interface WrittenFile { path: string; hash: string; size: number }

export function contentHash(content: string | Buffer): string {
  return createHash('md5').update(content).digest('hex');
}

/** Looks up the recorded hashes of some paths (from the manifest). */
export type HashLookup = (paths: readonly string[]) => Promise<Map<string, string>>;

export class SiteWriter {
  private pending = new Map<string, string | Buffer>();
  private readonly madeDirs = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private tmpSeq = 0;
  readonly written: WrittenFile[] = [];
  readonly removed: string[] = [];
  readonly produced = new Set<string>();

  /**
   * With `verify`, a file the manifest says is current is still checked on disk (exists, same size), so a full
   * render repairs a folder changed behind Meshline's back, or a fresh folder.
   */
  constructor(private readonly outDir: string, private readonly lookup: HashLookup, private readonly opts: { batch?: number; verify?: boolean } = {}) {}

  /** Queues a file; it is compared and written when the batch fills or on flush(). */
  async put(path: string, content: string | Buffer): Promise<void> {
    this.produced.add(path);
    this.pending.set(path, content);
    if (this.pending.size >= (this.opts.batch ?? 256)) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.pending.size) return;
    const files = this.pending;
    this.pending = new Map();
    const known = await this.lookup([...files.keys()]);
    for (const [path, content] of files) {
      const hash = contentHash(content);
      const size = Buffer.byteLength(content);
      if (known.get(path) === hash && (!this.opts.verify || this.sizeOnDisk(path) === size)) continue;
      await this.startWrite(path, content);
      this.written.push({ path, hash, size });
    }
    await Promise.all(this.inFlight);
  }

  // Writes go to the thread pool and overlap with rendering on the main thread; a bounded number at once.
  private async startWrite(path: string, content: string | Buffer): Promise<void> {
    while (this.inFlight.size >= 32) await Promise.race(this.inFlight);
    const job: Promise<void> = this.writeAtomically(path, content).finally(() => this.inFlight.delete(job));
    this.inFlight.add(job);
  }

  async remove(path: string): Promise<void> {
    if (this.produced.has(path)) return;
    rmSync(this.abs(path), { force: true });
    this.removed.push(path);
  }

  /** Empties the written/removed lists once the caller has recorded them. */
  drain(): { written: WrittenFile[]; removed: string[] } {
    return { written: this.written.splice(0), removed: this.removed.splice(0) };
  }

  private sizeOnDisk(path: string): number {
    try { return statSync(this.abs(path)).size; } catch { return -1; }
  }

  private abs(path: string): string {
    const full = resolve(this.outDir, path);
    if (!full.startsWith(resolve(this.outDir) + sep)) throw new Error(`refusing to write outside the site folder: ${path}`);
    return full;
  }

  // Write-then-rename so a reader (the preview server, a sync) never sees half a file.
  private async writeAtomically(path: string, content: string | Buffer): Promise<void> {
    const full = this.abs(path);
    const dir = dirname(full);
    if (!this.madeDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    const tmp = join(dir, `.${process.pid}.${++this.tmpSeq}.tmp`);
    await writeFile(tmp, content);
    await rename(tmp, full);
  }
}
