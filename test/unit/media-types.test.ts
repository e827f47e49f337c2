// Issue 17: images have width and height in pages: read from the first bytes of each kind Meshline mirrors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imageSize, mimeOf } from '../../src/core/media-types.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const u16be = (n: number) => [n >> 8, n & 255];
const u16le = (n: number) => [n & 255, n >> 8];
const u24le = (n: number) => [n & 255, (n >> 8) & 255, n >> 16];
const u32be = (n: number) => [n >>> 24, (n >> 16) & 255, (n >> 8) & 255, n & 255];

test('imageSize reads PNG, GIF, JPEG, WebP and AVIF headers, and nothing from other bytes', () => {
  const cases: [string, Buffer, { width: number; height: number } | undefined][] = [
    [
      'png',
      bytes([0x89], 'PNG\r\n\x1a\n', u32be(13), 'IHDR', u32be(640), u32be(480), [8, 6, 0, 0, 0]),
      { width: 640, height: 480 },
    ],
    ['gif', bytes('GIF89a', u16le(32), u16le(16), [0, 0, 0]), { width: 32, height: 16 }],
    [
      // An APP0 segment first, then a baseline start-of-frame: height then width.
      'jpeg',
      bytes(
        [0xff, 0xd8, 0xff, 0xe0],
        u16be(16),
        'JFIF\0',
        new Array(9).fill(0),
        [0xff, 0xc0],
        u16be(17),
        [8],
        u16be(300),
        u16be(400),
        [3],
      ),
      { width: 400, height: 300 },
    ],
    [
      'webp VP8X',
      bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8X', [10, 0, 0, 0], [0, 0, 0, 0], u24le(1023), u24le(767), [0, 0]),
      { width: 1024, height: 768 },
    ],
    [
      'webp VP8L',
      bytes(
        'RIFF',
        [0, 0, 0, 0],
        'WEBPVP8L',
        [0, 0, 0, 0],
        [0x2f],
        [99 & 0xff, ((99 >> 8) & 0x3f) | ((49 & 0x3) << 6), (49 >> 2) & 0xff, 0],
        [0, 0, 0, 0, 0],
      ),
      { width: 100, height: 50 },
    ],
    [
      'webp VP8',
      bytes(
        'RIFF',
        [0, 0, 0, 0],
        'WEBPVP8 ',
        [0, 0, 0, 0],
        [0, 0, 0],
        [0x9d, 0x01, 0x2a],
        u16le(200),
        u16le(100),
        [0, 0],
      ),
      { width: 200, height: 100 },
    ],
    [
      'avif',
      bytes(u32be(24), 'ftypavif', new Array(12).fill(0), u32be(20), 'ispe', [0, 0, 0, 0], u32be(12), u32be(34)),
      { width: 12, height: 34 },
    ],
    ['text', bytes('hello, this is not an image at all'), undefined],
    ['truncated png', bytes([0x89], 'PNG\r\n'), undefined],
    ['zero size gif', bytes('GIF89a', u16le(0), u16le(16)), undefined],
  ];
  for (const [name, input, want] of cases) assert.deepEqual(imageSize(input), want, name);
});

test('mimeOf names a mirrored file by the extension Meshline gave it', () => {
  assert.equal(mimeOf('media/1-0-ab.png'), 'image/png');
  assert.equal(mimeOf('media/1-0-ab.jpg'), 'image/jpeg');
  assert.equal(mimeOf('media/1-0-ab.odt'), 'application/vnd.oasis.opendocument.text');
  assert.equal(mimeOf('media/1-0-ab.exe'), 'application/octet-stream');
});
