// A full render's cards on disk: each post's card is rendered once, by whichever thread reaches it first, and read back
// by either thread for every other page it is on. A person's archive page spans thousands of posts of everyone else,
// more than cards kept in memory could (they were rendered again and again); a file keeps them all for the cost of a
// read, and memory stays the same whatever the site's size.
import { closeSync, mkdirSync, openSync, readdirSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CardShelf } from '../render/cards.ts';
import { processGone } from '../site/writer.ts';

/** What the threads share: where the files are and, per post id, which file holds its card, where and how long. */
export interface CardFiles {
  dir: string;
  /** Per post id: 0 when not yet written, else `offset << 24 | length << 2 | file`. */
  index: BigInt64Array;
  /**
   * Per file, how many of its bytes are written: a block read from another thread's file may end in a write still
   * under way, and only bytes below this are kept.
   */
  written: BigInt64Array;
}

const FILES = 4;
const MAX_LENGTH = 2 ** 22 - 1;
/** Bytes gathered before one write. */
const CHUNK = 256 * 1024;
/**
 * Cards are read a block at a time, and a thread keeps the blocks it read last (16 MB): an archive page's cards were
 * mostly made together, and most pages read what the pages before them did. At 100,000 posts this made 416,000 reads
 * of one card each into 18,000 reads of a block (64 KB blocks, 256 of them: 57,000; 16 KB, 512: 50,000).
 */
const BLOCK = 16 * 1024;
const BLOCKS = 1024;

/** Where a site's card files go: beside its database (a tmpfs /tmp would keep them in memory). */
export function cardsNear(database: string): string {
  return database === ':memory:' || database === '' ? tmpdir() : dirname(database);
}

/**
 * Removes card folders beside `near` whose render's process is gone (killed mid-render): they hold pages' text, which
 * must not outlast a `forget` (run at every start, as well as before each full render).
 */
export function removeStaleCardFiles(near: string): void {
  for (const name of safeList(near)) {
    const pid = /^\.cards-(\d+)$/.exec(name)?.[1];
    if (pid && processGone(Number(pid))) rmSync(join(near, name), { recursive: true, force: true });
  }
}

/** A folder for this render's card files beside `near`, and an index up to post `lastId`; stale ones are removed. */
export function makeCardFiles(near: string, lastId: number): CardFiles {
  removeStaleCardFiles(near);
  const dir = join(near, `.cards-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return {
    dir,
    index: new BigInt64Array(new SharedArrayBuffer(8 * (lastId + 1))),
    written: new BigInt64Array(new SharedArrayBuffer(8 * FILES)),
  };
}

export function removeCardFiles(files: CardFiles): void {
  rmSync(files.dir, { recursive: true, force: true });
}

/** One thread's shelf: it appends to its own file (number `file`) and reads any thread's. */
export class CardFile implements CardShelf {
  private readonly fds: (number | undefined)[] = [];
  /** Cards gathered but not yet written, by id: read from here until they are. */
  private pending = new Map<number, string>();
  private chunk: Buffer[] = [];
  private chunkBytes = 0;
  private offset = 0;
  private readonly waiting: [id: number, at: number, length: number][] = [];
  /** Blocks read, by file and block number, each with how many of its bytes were written when it was read. */
  private readonly blocks = new Map<number, { bytes: Buffer; length: number }>();

  constructor(
    private readonly files: CardFiles,
    private readonly file: number,
  ) {
    if (file < 0 || file >= FILES) throw new RangeError(`card file ${file}`);
    this.fds[file] = openSync(this.path(file), 'w+');
  }

  get(id: number): string | undefined {
    if (id <= 0 || id >= this.files.index.length) return undefined;
    const mine = this.pending.get(id);
    if (mine !== undefined) return mine;
    const at = Atomics.load(this.files.index, id);
    if (at === 0n) return undefined;
    const length = Number((at >> 2n) & 0x3fffffn);
    const offset = Number(at >> 24n);
    const file = Number(at & 3n);
    const start = offset % BLOCK;
    if (start + length > BLOCK) return this.readCard(file, offset, length);
    const block = this.block(file, offset - start, start + length);
    // Short of a card the index says is written: the file was cut (by hand, a full disk). Its own read then says so.
    if (block === undefined) return this.readCard(file, offset, length);
    return block.toString('utf8', start, start + length);
  }

  private readCard(file: number, offset: number, length: number): string {
    const buf = Buffer.allocUnsafe(length);
    const read = readSync(this.fd(file), buf, 0, length, offset);
    if (read < length) throw new RangeError(`card file ${file} is cut short of a card it holds (at byte ${offset})`);
    return buf.toString('utf8');
  }

  /** The block at `from` of a file, read again when its copy holds fewer than `need` of the file's written bytes. */
  private block(file: number, from: number, need: number): Buffer | undefined {
    const key = from * FILES + file;
    let block = this.blocks.get(key);
    if (block !== undefined) this.blocks.delete(key);
    else if (this.blocks.size < BLOCKS) block = { bytes: Buffer.allocUnsafeSlow(BLOCK), length: 0 };
    else {
      // The least recently used block's memory is read into: a render's memory stays the same however many it reads.
      const oldest = this.blocks.keys().next().value!;
      block = this.blocks.get(oldest)!;
      this.blocks.delete(oldest);
      block.length = 0;
    }
    if (block.length < need) {
      const written = Number(Atomics.load(this.files.written, file)) - from;
      block.length = Math.min(readSync(this.fd(file), block.bytes, 0, BLOCK, from), written);
    }
    this.blocks.set(key, block);
    return block.length < need ? undefined : block.bytes;
  }

  put(id: number, card: string): void {
    if (id <= 0 || id >= this.files.index.length || Atomics.load(this.files.index, id) !== 0n) return;
    const bytes = Buffer.from(card, 'utf8');
    if (bytes.length > MAX_LENGTH) return;
    this.pending.set(id, card);
    this.waiting.push([id, this.offset + this.chunkBytes, bytes.length]);
    this.chunk.push(bytes);
    this.chunkBytes += bytes.length;
    if (this.chunkBytes >= CHUNK) this.flush();
  }

  /** Writes what was gathered, then tells the other threads where it is. */
  flush(): void {
    if (!this.chunkBytes) return;
    const data = Buffer.concat(this.chunk, this.chunkBytes);
    for (let done = 0; done < data.length; )
      done += writeSync(this.fds[this.file]!, data, done, data.length - done, this.offset + done);
    this.offset += data.length;
    // Before the cards are told of: whoever finds one finds its bytes counted here.
    Atomics.store(this.files.written, this.file, BigInt(this.offset));
    for (const [id, at, length] of this.waiting)
      Atomics.compareExchange(this.files.index, id, 0n, (BigInt(at) << 24n) | BigInt(length * 4 + this.file));
    this.waiting.length = 0;
    this.chunk = [];
    this.chunkBytes = 0;
    this.pending = new Map();
  }

  close(): void {
    this.blocks.clear();
    for (const fd of this.fds) if (fd !== undefined) closeSync(fd);
    this.fds.length = 0;
  }

  private fd(file: number): number {
    return (this.fds[file] ??= openSync(this.path(file), 'r'));
  }

  private path(file: number): string {
    return join(this.files.dir, `${file}`);
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
