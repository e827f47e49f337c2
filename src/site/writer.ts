// Writes the site folder, touching only files whose bytes changed, and reports what changed for the manifest.
import { createHash, hash } from 'node:crypto';
import { existsSync, mkdirSync, opendirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { ByteArena } from './arena.ts';
import type { Sealer } from './private.ts';

export interface WrittenFile {
  path: string;
  hash: string;
  size: number;
}

/** A file that could not be written, and why: reported, left out of the manifest, tried again next render. */
export interface FailedFile {
  path: string;
  error: unknown;
}

/** One call, no Hash object made per file (a tenth less time over 100,000 pages). */
export function contentHash(content: string | Buffer): string {
  return hash('md5', content, 'hex');
}

/** A private site's files are known by their plaintext and the key that sealed them. */
function sealedHash(keyId: string, content: string | Buffer): string {
  return createHash('md5').update(keyId).update('\0').update(content).digest('hex');
}

/** Looks up the recorded hashes of some paths (from the manifest). */
export type HashLookup = (paths: readonly string[]) => Promise<Map<string, string>>;

/** A first render's lookup: the manifest records nothing yet (a query a batch, 7,000 at 100,000 posts, found none). */
export const noneKnown: HashLookup = async () => new Map();

interface WriterOptions {
  /** Files compared and written together. */
  batch?: number;
  /**
   * A file the manifest says is current is still checked on disk (exists, same size), so a full render
   * repairs a folder changed behind Meshline's back, or a fresh folder.
   */
  verify?: boolean;
  /**
   * A private site's sealing (src/site/private.ts): files are compared by their plaintext (and the key's id), so an
   * unchanged page is neither sealed nor written again; what is written is sealed.
   */
  sealer?: Sealer | undefined;
  /**
   * A full render's generation: files it produces unchanged are listed in `seen` too, so the manifest marks every file
   * it produced and what it did not is found by a query (src/store/manifest.ts).
   */
  gen?: number | undefined;
  /** Keep the set of produced paths (a worker counts them only: a million paths do not fit its heap). */
  keepProduced?: boolean;
  /** Shared with the render's other threads: they take turns at creating files (`newTurn`). */
  turn?: Turn | undefined;
}

/**
 * A turn at writing files, shared by a full render's threads. Two threads creating files in one folder (posts/) at
 * once each took several times longer than one after the other, in system time: the kernel's lock on the folder
 * spins. Measured here, 20,000 files each: 5.2 to 9.4 s from two threads into one folder, 1.3 s into two folders;
 * 40,000 from one thread 1.8 to 4.0 s.
 */
export type Turn = Int32Array;
export const newTurn = (): Turn => new Int32Array(new SharedArrayBuffer(4));

/**
 * Files a writer keeps waiting while another thread writes, before it waits for its turn: two batches of a worker's
 * (64) past its own, a few MB at most, so that waiting pages do not add to a render's peak.
 */
const DEFER_MAX = 192;
/** A turn lasts one batch: tens of milliseconds. */
const TURN_WAIT_MS = 2000;

/**
 * Waits for the turn, but not for ever: a thread that died holding it (out of memory mid-batch) must not stop the
 * render. Past the wait the turn is taken over, and ended as any other, so the next waits are short again.
 */
function takeTurn(turn: Turn): void {
  const until = Date.now() + TURN_WAIT_MS;
  while (Atomics.compareExchange(turn, 0, 0, 1) !== 0) {
    if (Date.now() > until) return;
    Atomics.wait(turn, 0, 1, 50);
  }
}

function endTurn(turn: Turn): void {
  Atomics.store(turn, 0, 0);
  Atomics.notify(turn, 0, 1);
}

export class SiteWriter {
  private pending = new Map<string, string | Buffer>();
  private readonly madeDirs = new Set<string>();
  readonly written: WrittenFile[] = [];
  readonly removed: string[] = [];
  readonly failed: FailedFile[] = [];
  readonly produced = new Set<string>();
  /** Files produced unchanged since the last drain (with `gen` only). */
  readonly seen: string[] = [];
  private producedCount = 0;
  /**
   * This thread's id (worker_threads' threadId), in temporary files' names: 0, the main thread's, unless a render
   * worker sets it (node:worker_threads is not loaded for it: ~2 ms of every command).
   */
  static thread = 0;
  /** Chunks of written batches, for the next batches' bytes. */
  private readonly spare: Buffer[] = [];
  /** The pending pages' bytes (src/site/arena.ts). */
  private arena = new ByteArena(this.spare);

  constructor(
    private readonly outDir: string,
    private readonly lookup: HashLookup,
    private readonly opts: WriterOptions = {},
  ) {}

  /** Queues a file; it is compared and written when the batch fills or on flush(). */
  async put(path: string, content: string | Buffer): Promise<void> {
    if (this.opts.keepProduced !== false) this.produced.add(path);
    else if (!this.pending.has(path)) this.producedCount++;
    // Encoded now, once (a sealer takes the text itself): hashed, measured and written as these bytes.
    this.pending.set(path, typeof content === 'string' && !this.opts.sealer ? this.arena.encode(content) : content);
    if (this.pending.size >= (this.opts.batch ?? 256)) await this.flush(true);
  }

  /**
   * Writes the queued files whose bytes changed. Synchronous writes on purpose: a small file takes tens of
   * microseconds this way, several times less than a round trip through the thread pool. `soft`: while another
   * thread has the turn, keep them (up to DEFER_MAX) and go on rendering.
   */
  async flush(soft = false): Promise<void> {
    if (!this.pending.size) return;
    const turn = this.opts.turn;
    if (soft && turn && Atomics.load(turn, 0) !== 0 && this.pending.size < DEFER_MAX) return;
    const batch = this.pending;
    const arena = this.arena;
    this.pending = new Map();
    this.arena = new ByteArena(this.spare);
    try {
      const known = await this.lookup([...batch.keys()]);
      // Taken after the lookup: never held across an await.
      if (turn) takeTurn(turn);
      try {
        this.writeBatch(batch, known);
      } finally {
        if (turn) endTurn(turn);
      }
    } finally {
      arena.release();
    }
  }

  private writeBatch(batch: Map<string, string | Buffer>, known: Map<string, string>): void {
    const sealer = this.opts.sealer;
    for (const [path, text] of batch) {
      // A sealer may keep the bytes: its own copy.
      const plain = typeof text === 'string' ? Buffer.from(text) : text;
      const hash = sealer ? sealedHash(sealer.id, plain) : contentHash(plain);
      try {
        const full = this.abs(path);
        const was = known.get(path);
        // A file the manifest does not know is written as new, without a look first (most files of a first render).
        const onDisk = was === undefined ? -1 : this.opts.verify ? sizeOf(full) : -2;
        // Sealed bytes differ at every sealing (a fresh nonce): a sealed file is current when it is there at all.
        if (was === hash && (onDisk === -2 || (sealer ? onDisk >= 0 : onDisk === plain.length))) {
          if (this.opts.gen !== undefined) this.seen.push(path);
          continue;
        }
        const content = sealer ? sealer.apply(path, plain) : plain;
        this.writeFile(full, content, onDisk === -1);
        this.written.push({ path, hash, size: Buffer.byteLength(content) });
      } catch (error) {
        // One file the disk refuses (a name, a full disk) must not stop the rest of the site.
        this.failed.push({ path, error });
      }
    }
  }

  // Replacing goes through a temporary name and a rename, so a reader never sees half a file. A new file has
  // nothing to replace and is written in place ('wx' refuses to clobber one that appeared meanwhile).
  private writeFile(full: string, content: string | Buffer, isNew: boolean): void {
    const dir = dirname(full);
    if (!this.madeDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    if (isNew) {
      try {
        writeFileSync(full, content, { flag: 'wx' });
        return;
      } catch {
        /* exists after all: replace it */
      }
    }
    // The render's worker threads share the process id: the thread's id keeps their temporary files apart (one
    // thread renamed the other's file away mid-write).
    const tmp = join(dir, `.${process.pid}-${SiteWriter.thread}.tmp`);
    try {
      writeFileSync(tmp, content);
      renameSync(tmp, full);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
  }

  async remove(path: string): Promise<void> {
    if (this.produced.has(path)) return;
    const full = this.abs(path);
    rmSync(full, { force: true });
    this.removed.push(path);
    if (pruneEmptyDirs(dirname(full), resolve(this.outDir))) this.madeDirs.clear();
  }

  /** Empties the written/removed lists once the caller has recorded them. */
  drain(): { written: WrittenFile[]; removed: string[]; seen: string[] } {
    return { written: this.written.splice(0), removed: this.removed.splice(0), seen: this.seen.splice(0) };
  }

  /** How many files were produced (put) in all. */
  get producedTotal(): number {
    return this.produced.size + this.producedCount;
  }

  /** The full render's generation this writer marks files with, if any. */
  get gen(): number | undefined {
    return this.opts.gen;
  }

  private abs(path: string): string {
    const full = resolve(this.outDir, path);
    if (!full.startsWith(resolve(this.outDir) + sep))
      throw new Error(`refusing to write outside the site folder: ${path}`);
    return full;
  }
}

/** Removes `dir` and its parents up to (not including) `root` while they are empty, so a gone page leaves no folder. */
export function pruneEmptyDirs(dir: string, root: string): number {
  let removed = 0;
  for (let d = dir; d.startsWith(root + sep); d = dirname(d)) {
    try {
      rmdirSync(d);
      removed++;
    } catch {
      break; // not empty, or already gone
    }
  }
  return removed;
}

/** A writer's temporary file (`.PID-THREAD.tmp`, or `.PID.tmp` from before) whose process is gone. */
function staleTemp(name: string): boolean {
  const m = /^\.(\d+)(?:-\d+)?\.tmp$/.exec(name);
  return m !== null && processGone(Number(m[1]));
}

/** Whether no process has this id (one that made a temporary file or folder and died). */
export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Removes every empty folder under `root` (left by an older version, or by hand), and temporary files of writers
 * that are gone; `root` itself stays, and so do hidden folders (`.git`, `.well-known`): they are not Meshline's.
 */
export function pruneEmptyTree(root: string): number {
  let removed = 0;
  const walk = (dir: string): boolean => {
    let empty = true;
    // Read as it goes, never listed whole: a million permalinks listed at once took 290 MB, the peak of a full render.
    const entries = opendirSync(dir, { bufferSize: 128 });
    try {
      for (let e = entries.readSync(); e !== null; e = entries.readSync()) {
        if (e.isFile() && staleTemp(e.name)) {
          rmSync(join(dir, e.name), { force: true });
          removed++;
        } else if (e.name.startsWith('.') || !e.isDirectory() || !walk(join(dir, e.name))) empty = false;
      }
    } finally {
      entries.closeSync();
    }
    if (empty && dir !== root) {
      rmdirSync(dir);
      removed++;
    }
    return empty;
  };
  if (existsSync(root)) walk(root);
  return removed;
}

function sizeOf(full: string): number {
  // Not there is common (a fresh folder): told by the result, without the cost of an exception per file.
  try {
    return statSync(full, { throwIfNoEntry: false })?.size ?? -1;
  } catch {
    return -1;
  }
}
