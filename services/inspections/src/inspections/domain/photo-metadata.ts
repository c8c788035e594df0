import { PhotoType } from './photo-type';

/**
 * The image without what a camera writes beside the picture: where it was taken (GPS), when, the
 * phone's make and serial number, the owner's name, comments and thumbnails (decision 0019). The
 * pixels are not decoded or re-encoded. A JPEG keeps only its orientation, so a photo taken
 * upright is still shown upright. Null when the file's structure cannot be walked (not an image
 * of that type after all, or cut short).
 */
export function withoutMetadata(bytes: Buffer, type: PhotoType): Buffer | null {
  switch (type) {
    case 'image/jpeg':
      return jpegWithoutMetadata(bytes);
    case 'image/png':
      return pngWithoutMetadata(bytes);
    case 'image/webp':
      return webpWithoutMetadata(bytes);
  }
}

const APP1 = 0xe1;
const APP13 = 0xed; // Photoshop resources: IPTC captions, keywords, authors
const COMMENT = 0xfe;
const START_OF_SCAN = 0xda;
const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');
const ORIENTATION_TAG = 0x0112;

/** JPEG: a list of marker segments up to the start of the scan, then the compressed picture, kept as it is. */
function jpegWithoutMetadata(bytes: Buffer): Buffer | null {
  const kept: Buffer[] = [bytes.subarray(0, 2)]; // start of image
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    while (bytes[at] === 0xff) at++; // fill bytes before a marker
    const marker = bytes[at];
    const segmentStart = at - 1;
    if (marker === undefined || at + 2 >= bytes.length) return null;
    const end = at + 1 + bytes.readUInt16BE(at + 1);
    if (end > bytes.length) return null;
    if (marker === START_OF_SCAN) {
      kept.push(bytes.subarray(segmentStart));
      return Buffer.concat(kept);
    }
    const segment = bytes.subarray(segmentStart, end);
    if (marker === APP1) {
      const orientation = exifOrientation(bytes.subarray(at + 3, end));
      if (orientation !== null) kept.push(orientationOnly(orientation));
    } else if (marker !== APP13 && marker !== COMMENT) {
      kept.push(segment);
    }
    at = end;
  }
  return null; // no picture at all
}

/** The orientation (2 to 8) recorded in an Exif block, when it is not the default (1). */
function exifOrientation(payload: Buffer): number | null {
  if (payload.length < EXIF_HEADER.length + 8 || !payload.subarray(0, EXIF_HEADER.length).equals(EXIF_HEADER)) return null;
  const tiff = payload.subarray(EXIF_HEADER.length);
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const u16 = (offset: number) => (order === 'II' ? tiff.readUInt16LE(offset) : tiff.readUInt16BE(offset));
  const u32 = (offset: number) => (order === 'II' ? tiff.readUInt32LE(offset) : tiff.readUInt32BE(offset));
  const firstDirectory = u32(4);
  if (firstDirectory + 2 > tiff.length) return null;
  const entries = u16(firstDirectory);
  for (let entry = 0; entry < entries; entry++) {
    const offset = firstDirectory + 2 + entry * 12;
    if (offset + 12 > tiff.length) return null;
    if (u16(offset) !== ORIENTATION_TAG) continue;
    const orientation = u16(offset + 8);
    return orientation >= 2 && orientation <= 8 ? orientation : null;
  }
  return null;
}

/** An Exif segment holding one entry, the orientation (big-endian TIFF, one directory, nothing after it). */
function orientationOnly(orientation: number): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // the directory follows the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(ORIENTATION_TAG, 10);
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14); // one value
  tiff.writeUInt16BE(orientation, 18);
  const header = Buffer.from([0xff, APP1, 0, 0]);
  header.writeUInt16BE(2 + EXIF_HEADER.length + tiff.length, 2);
  return Buffer.concat([header, EXIF_HEADER, tiff]);
}

/** PNG chunks that only describe the picture: text, Exif, the time it was last changed. */
const PNG_METADATA = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

function pngWithoutMetadata(bytes: Buffer): Buffer | null {
  const kept: Buffer[] = [bytes.subarray(0, 8)]; // signature
  let at = 8;
  while (at + 12 <= bytes.length) {
    const end = at + 12 + bytes.readUInt32BE(at);
    if (end > bytes.length) return null;
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (!PNG_METADATA.has(type)) kept.push(bytes.subarray(at, end));
    if (type === 'IEND') return Buffer.concat(kept);
    at = end;
  }
  return null; // cut short before its end chunk
}

const WEBP_METADATA = new Set(['EXIF', 'XMP ']);
const VP8X_HAS_EXIF = 0x08;
const VP8X_HAS_XMP = 0x04;

/** WebP: a RIFF container of chunks (each padded to an even length); the extended header flags what is present. */
function webpWithoutMetadata(bytes: Buffer): Buffer | null {
  const kept: Buffer[] = [];
  let at = 12; // 'RIFF', size, 'WEBP'
  while (at + 8 <= bytes.length) {
    const size = bytes.readUInt32LE(at + 4);
    const end = Math.min(at + 8 + size + (size % 2), bytes.length);
    if (at + 8 + size > bytes.length) return null;
    const fourcc = bytes.toString('latin1', at, at + 4);
    if (fourcc === 'VP8X') {
      const header = Buffer.from(bytes.subarray(at, end));
      header[8] &= ~(VP8X_HAS_EXIF | VP8X_HAS_XMP);
      kept.push(header);
    } else if (!WEBP_METADATA.has(fourcc)) {
      kept.push(bytes.subarray(at, end));
    }
    at = end;
  }
  if (at !== bytes.length || kept.length === 0) return null;
  const riff = Buffer.from(bytes.subarray(0, 12));
  const body = Buffer.concat(kept);
  riff.writeUInt32LE(4 + body.length, 4);
  return Buffer.concat([riff, body]);
}
