// Writes the site folder, touching only files whose bytes changed, and reports what changed for the manifest.
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

export interface WrittenFile { path: string; hash: string; size: number }

export function contentHash(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 32);
}

/** Looks up the recorded hashes of some paths (from the manifest). */
export type HashLookup = (paths: readonly string[]) => Promise<Map<string, string>>;

export class SiteWriter {
  private pending = new Map<string, string | Buffer>();
  private readonly madeDirs = new Set<string>();
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
      this.writeAtomically(path, content);
      this.written.push({ path, hash, size });
    }
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

  // Write-then-rename so a reader (the preview server, a sync) never sees half a file. Synchronous on purpose:
  // small files write in tens of microseconds, several times faster than a round trip through the thread pool.
  private writeAtomically(path: string, content: string | Buffer): void {
    const full = this.abs(path);
    const dir = dirname(full);
    if (!this.madeDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    const tmp = join(dir, `.${process.pid}.tmp`);
    writeFileSync(tmp, content);
    renameSync(tmp, full);
  }
}
