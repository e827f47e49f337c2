// A full render's cards on disk (src/app/card-file.ts): what one thread put, any thread reads, byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CardFile, cardsNear, makeCardFiles, removeCardFiles } from '../../src/app/card-file.ts';
import { tempDir } from '../helpers.ts';

const cards: [id: number, card: string][] = [
  [1, '<article id="post-1">plain</article>'],
  [2, '<article>ünïcødé · 日本語 · 🎉</article>'],
  [3, ''],
  [9, `<article>${'x'.repeat(300_000)}</article>`],
];

/** A render's card files for posts up to `lastId`, and the shelves of its two worker threads. */
function twoShelves(lastId: number) {
  const files = makeCardFiles(tempDir(), lastId);
  return { files, one: new CardFile(files, 0), two: new CardFile(files, 1) };
}

test('issue 18: a card one thread put is read back by another, once written', () => {
  const { files, one, two } = twoShelves(10);
  for (const [id, card] of cards.slice(0, 3)) one.put(id, card);
  // Gathered, not yet written: the thread that made them has them, the other renders its own.
  assert.equal(one.get(1), cards[0]![1]);
  assert.equal(two.get(1), undefined);
  // A quarter megabyte gathered is written at once.
  one.put(...cards[3]!);
  assert.equal(two.get(1), cards[0]![1]);
  one.flush();
  for (const [id, card] of cards) {
    assert.equal(two.get(id), card, `card ${id}`);
    assert.equal(one.get(id), card, `card ${id} after its write`);
  }
  // The first card put stays: the other thread's copy of the same post is not kept.
  two.put(1, 'another');
  two.flush();
  assert.equal(one.get(1), cards[0]![1]);
  assert.equal(two.get(4), undefined);
  // Ids past the index (a post newer than the render) are not kept.
  one.put(11, 'late');
  assert.equal(one.get(11), undefined);
  one.close();
  two.close();
  removeCardFiles(files);
  assert.equal(existsSync(files.dir), false);
});

test("issue 18: card folders of renders whose process is gone are removed; a live one's stay", () => {
  const near = tempDir();
  mkdirSync(join(near, '.cards-999999999'));
  mkdirSync(join(near, `.cards-${process.ppid}`));
  const files = makeCardFiles(near, 1);
  assert.deepEqual(readdirSync(near).sort(), [`.cards-${process.pid}`, `.cards-${process.ppid}`].sort());
  removeCardFiles(files);
});

test('issue 18: card files go beside the database, or to the temporary folder for one in memory', () => {
  assert.equal(cardsNear('/var/lib/meshline/meshline.db'), '/var/lib/meshline');
  assert.notEqual(cardsNear(':memory:'), '.');
});

test('issue 18: cards read by the block stay byte for byte as the other thread writes on and blocks are reused', () => {
  const { files, one, two } = twoShelves(40_000);
  // The first card's block is read while the file holds nothing after it.
  one.put(1, '<article>first</article>');
  one.flush();
  assert.equal(two.get(1), '<article>first</article>');
  // A card written later into the same block is read again, not taken from the short copy.
  one.put(2, '<article>second · ü</article>');
  one.flush();
  assert.equal(two.get(2), '<article>second · ü</article>');
  // Enough cards of varied length to fill many more blocks than a thread keeps, some across blocks' edges.
  const made = new Map<number, string>();
  for (let id = 3; id < 40_000; id++) {
    const card = `<article id="post-${id}">${'é'.repeat(id % 997)}${'x'.repeat((id * 31) % 1500)}</article>`;
    made.set(id, card);
    one.put(id, card);
  }
  one.flush();
  for (let pass = 0; pass < 2; pass++)
    for (const [id, card] of made) assert.equal(two.get(id), card, `card ${id}, pass ${pass}`);
  // Out of order, as a person's archive page reads.
  for (let id = 39_999; id >= 3; id -= 22) assert.equal(two.get(id), made.get(id), `card ${id} backwards`);
  assert.equal(two.get(1), '<article>first</article>');
  one.close();
  two.close();
  removeCardFiles(files);
});

test("issue 18: the same offsets in two threads' files are told apart, and a cut file is an error", () => {
  const { files, one, two } = twoShelves(2000);
  for (let id = 1; id < 2000; id += 2) {
    one.put(id, `<p>one ${String(id).padStart(6, '0')}</p>`);
    two.put(id + 1, `<p>two ${String(id + 1).padStart(6, '0')}</p>`);
  }
  one.flush();
  two.flush();
  // Read alternately by a third shelf: each block of file 0 has its twin at the same offset in file 1.
  const third = new CardFile(files, 2);
  for (let id = 1; id < 2000; id++)
    assert.equal(third.get(id), `<p>${id % 2 ? 'one' : 'two'} ${String(id).padStart(6, '0')}</p>`, `card ${id}`);
  truncateSync(join(files.dir, '1'), 100);
  assert.throws(() => new CardFile(files, 3).get(1000), /card file 1 is cut short of a card/);
  for (const shelf of [one, two, third]) shelf.close();
  removeCardFiles(files);
});

test('issue 18: a block read while the other thread is still writing keeps only the bytes already written', () => {
  const { files, one, two } = twoShelves(10);
  one.put(1, '<article>first</article>');
  one.flush();
  // The file as a reader can find it in the middle of the next write: bytes past the written ones, not yet the card's.
  const fd = openSync(join(files.dir, '0'), 'r+');
  const partial = Buffer.from('<article>sec\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0');
  writeSync(fd, partial, 0, partial.length, Buffer.byteLength('<article>first</article>'));
  closeSync(fd);
  assert.equal(two.get(1), '<article>first</article>');
  one.put(2, '<article>second</article>');
  one.flush();
  assert.equal(two.get(2), '<article>second</article>');
  one.close();
  two.close();
  removeCardFiles(files);
});
