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
