// Issue 18: the writer keeps pending pages as bytes in an arena outside V8's heap; each page's bytes must be its text's
// UTF-8, whatever chunk it lands in, until the batch is written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteArena } from '../../src/site/arena.ts';

test('issue 18: an arena gives each text its UTF-8 bytes, across chunks, and reuses chunks once released', () => {
  const spare: Buffer[] = [];
  const arena = new ByteArena(spare);
  const texts = [
    '',
    'plain',
    'café ☕ 日本 😀',
    'x'.repeat(300_000),
    'é'.repeat(200_000),
    '<p>page</p>'.repeat(40_000),
  ];
  for (let i = 0; i < 200; i++) texts.push(`page ${i} ${'ü'.repeat(i * 37)}`);
  const got = texts.map((t) => arena.encode(t));
  for (const [i, bytes] of got.entries()) assert.deepEqual(bytes, Buffer.from(texts[i]!), `text ${i}`);
  arena.release();
  assert.ok(spare.length > 0 && spare.length <= 4, `${spare.length} chunks kept`);
  assert.ok(
    spare.every((c) => c.length === 1 << 20),
    'a page bigger than a chunk had its own, not kept',
  );
  const again = new ByteArena(spare);
  const kept = spare.length;
  const bytes = again.encode('next batch');
  assert.equal(spare.length, kept - 1, 'a released chunk is used again');
  assert.equal(bytes.toString(), 'next batch');
});
