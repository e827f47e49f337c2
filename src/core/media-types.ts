// The kinds of media Meshline mirrors into a site, and an image's size read from its first bytes (so pages give
// width and height and do not jump as images load). Pure.

export const IMAGE_TYPES: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
};

/**
 * Files are mirrored only as kinds a browser will not run on the site's origin (no HTML, SVG or scripts);
 * anything else stays a link to where it came from.
 */
export const FILE_TYPES: Readonly<Record<string, string>> = {
  ...IMAGE_TYPES,
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'application/zip': 'zip',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'audio/mp4': 'm4a',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'application/vnd.oasis.opendocument.text': 'odt',
};

const BY_EXT = new Map(Object.entries(FILE_TYPES).map(([type, ext]) => [ext, type] as const));

/** The media type of a mirrored file, by the extension Meshline gave it. */
export function mimeOf(path: string): string {
  return BY_EXT.get(path.slice(path.lastIndexOf('.') + 1).toLowerCase()) ?? 'application/octet-stream';
}

export interface Size {
  width: number;
  height: number;
}

const ok = (width: number, height: number): Size | undefined =>
  width > 0 && height > 0 && width <= 65535 && height <= 65535 ? { width, height } : undefined;

/** Width and height of a PNG, GIF, JPEG, WebP or AVIF image; undefined when the bytes do not say. */
export function imageSize(b: Uint8Array): Size | undefined {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (buf.length >= 24 && buf.readUInt32BE(0) === 0x89504e47 && buf.toString('latin1', 12, 16) === 'IHDR')
    return ok(buf.readUInt32BE(16), buf.readUInt32BE(20));
  if (buf.length >= 10 && buf.toString('latin1', 0, 3) === 'GIF') return ok(buf.readUInt16LE(6), buf.readUInt16LE(8));
  if (buf.length >= 4 && buf[0] === 0xff && buf[1] === 0xd8) return jpeg(buf);
  if (buf.length >= 30 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP')
    return webp(buf);
  if (buf.length >= 12 && buf.toString('latin1', 4, 8) === 'ftyp') return avif(buf);
  return undefined;
}

/** The first start-of-frame marker's size, walking the segments. */
function jpeg(buf: Buffer): Size | undefined {
  let i = 2;
  while (i + 9 < buf.length) {
    if (buf[i] !== 0xff) return undefined;
    const marker = buf[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = buf.readUInt16BE(i + 2);
    // SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return ok(buf.readUInt16BE(i + 7), buf.readUInt16BE(i + 5));
    i += 2 + length;
  }
  return undefined;
}

function webp(buf: Buffer): Size | undefined {
  const chunk = buf.toString('latin1', 12, 16);
  if (chunk === 'VP8X') return ok(1 + buf.readUIntLE(24, 3), 1 + buf.readUIntLE(27, 3));
  if (chunk === 'VP8L') {
    const bits = buf.readUInt32LE(21);
    return ok(1 + (bits & 0x3fff), 1 + ((bits >> 14) & 0x3fff));
  }
  if (chunk === 'VP8 ') return ok(buf.readUInt16LE(26) & 0x3fff, buf.readUInt16LE(28) & 0x3fff);
  return undefined;
}

/** AVIF (ISO BMFF): the `ispe` property's width and height, found by its name. */
function avif(buf: Buffer): Size | undefined {
  const at = buf.indexOf('ispe', 0, 'latin1');
  if (at < 0 || at + 16 > buf.length) return undefined;
  return ok(buf.readUInt32BE(at + 8), buf.readUInt32BE(at + 12));
}
