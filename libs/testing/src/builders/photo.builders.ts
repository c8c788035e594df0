import { deflateSync } from 'node:zlib';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A real PNG image any browser shows: `width` × `height` pixels of a colour gradient (8-bit RGB),
 * or of `noise`, which does not compress: a large file, as a phone's camera makes. A different
 * `seed` gives a different picture, so different bytes: tests tell photos apart by it.
 */
export function aPng({ width = 24, height = 16, seed = 0, noise = false }: { width?: number; height?: number; seed?: number; noise?: boolean } = {}): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // RGB
  const rows: Buffer[] = [];
  let state = (seed * 2654435761 + 1) >>> 0;
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3); // filter byte 0: none
    if (noise) {
      for (let i = 1; i < row.length; i++) {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        row[i] = state >>> 24;
      }
      rows.push(row);
      continue;
    }
    for (let x = 0; x < width; x++) {
      row[1 + x * 3] = (Math.round((x * 255) / Math.max(1, width - 1)) + seed * 37) & 0xff;
      row[2 + x * 3] = (Math.round((y * 255) / Math.max(1, height - 1)) + seed * 71) & 0xff;
      row[3 + x * 3] = (96 + seed * 13) & 0xff;
    }
    rows.push(row);
  }
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(Buffer.concat(rows))), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A JPEG marker segment: FF, the marker, a 2-byte length counting itself, the payload. */
export function jpegSegment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** The phone maker a camera Exif block below names. */
export const CAMERA_MAKE = 'PhoneCo X';

/**
 * An Exif block as a phone writes it (little-endian TIFF): the camera's make, the orientation and
 * a pointer to GPS coordinates.
 */
export function cameraExif(orientation: number): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 3 * 12 + 4 + 16);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(3, 8);
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    tiff.writeUInt32LE(value, at + 8);
  };
  entry(10, 0x010f, 2, CAMERA_MAKE.length + 1, 58); // Make: ASCII at offset 58
  entry(22, 0x0112, 3, 1, orientation); // Orientation: SHORT, in the value field
  entry(34, 0x8825, 4, 1, 0); // GPS directory pointer
  tiff.write(`${CAMERA_MAKE}\0`, 58, 'latin1');
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
}

/**
 * A JPEG as a phone's camera leaves it, as far as its structure goes (the compressed picture is a
 * few stand-in bytes, so no browser decodes it): Exif with the make, orientation and GPS, an XMP
 * block with a latitude, a comment, then the tables and the scan. `seed` changes the scan's bytes.
 */
export function aCameraJpeg({ orientation = 6, seed = 0 }: { orientation?: number; seed?: number } = {}): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    jpegSegment(0xe1, cameraExif(orientation)),
    jpegSegment(0xe1, Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>50,50.5N</exif:GPSLatitude></x:xmpmeta>', 'latin1')),
    jpegSegment(0xfe, Buffer.from('taken at 12 Rue Haute', 'latin1')),
    jpegSegment(0xdb, Buffer.alloc(65, 1)),
    jpegSegment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([0x12, seed & 0xff, 0xff, 0x00, 0x56, 0xff, 0xd9]),
  ]);
}
