// Where the site writer keeps a batch's pages as bytes until it writes them. Kept as strings, the pages waiting for a
// full render's turn at the disk (up to ~200 a thread, tens of KB each for timeline pages) survived every young
// collection in between and were copied each time; as bytes outside V8's heap they are not looked at by it.

/** A chunk's size: most pages fit many to a chunk; a bigger page gets a chunk of its own size. */
const CHUNK = 1 << 20;
/** Chunks kept for the next batches once a batch is written (more are let go). */
const SPARE_MAX = 4;

export class ByteArena {
  private chunks: Buffer[] = [];
  private at = 0;

  constructor(private readonly spare: Buffer[]) {}

  /** `text` as UTF-8, in this arena's memory: valid until the arena is released. */
  encode(text: string): Buffer {
    // Three bytes at most per UTF-16 unit.
    const room = text.length * 3;
    let chunk = this.chunks[this.chunks.length - 1];
    if (!chunk || chunk.length - this.at < room) {
      chunk = room <= CHUNK ? (this.spare.pop() ?? Buffer.allocUnsafeSlow(CHUNK)) : Buffer.allocUnsafeSlow(room);
      this.chunks.push(chunk);
      this.at = 0;
    }
    const n = chunk.write(text, this.at, 'utf8');
    const bytes = chunk.subarray(this.at, this.at + n);
    this.at += n;
    return bytes;
  }

  /** Gives the chunks back for the next batches: the bytes encoded here must no longer be used. */
  release(): void {
    for (const chunk of this.chunks)
      if (chunk.length === CHUNK && this.spare.length < SPARE_MAX) this.spare.push(chunk);
    this.chunks = [];
    this.at = 0;
  }
}
