import { cameraExif, jpegSegment as segment } from '@hearth/testing';
import { withoutMetadata } from './photo-metadata';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const latin1 = (text: string) => Buffer.from(text, 'latin1');

const SOI = hex('FFD8');
const JFIF = segment(0xe0, latin1('JFIF\0\x01\x01\0\0\x01\0\x01\0\0'));
const QUANTISATION = segment(0xdb, Buffer.alloc(65, 1));
const SCAN = Buffer.concat([segment(0xda, hex('01 01 00 00 3F 00')), hex('12 34 FF 00 56 FF D9')]);
const XMP = segment(0xe1, latin1('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>50,50.5N</exif:GPSLatitude></x:xmpmeta>'));
const COMMENT = segment(0xfe, latin1('taken at 12 Rue Haute by Jan'));
const IPTC = segment(0xed, latin1('Photoshop 3.0\0 8BIM caption'));

describe('withoutMetadata', () => {
  describe('a JPEG', () => {
    it('loses the Exif block, XMP, IPTC and comments, keeping its orientation as the only Exif entry', () => {
      const photo = Buffer.concat([SOI, segment(0xe1, cameraExif(6)), XMP, IPTC, COMMENT, QUANTISATION, SCAN]);
      // Worked out by hand: APP1 of 2 + 6 + 8 + 2 + 12 + 4 = 34 bytes (0x0022), big-endian TIFF, one entry 0112 SHORT 1 = 6.
      const orientationOnly = hex('FFE1 0022 457869660000 4D4D002A00000008 0001 0112 0003 00000001 0006 0000 00000000');
      expect(withoutMetadata(photo, 'image/jpeg')).toEqual(Buffer.concat([SOI, orientationOnly, QUANTISATION, SCAN]));
    });

    it('keeps no Exif at all when the photo is upright (orientation 1), and its JFIF header and picture as they are', () => {
      const photo = Buffer.concat([SOI, JFIF, segment(0xe1, cameraExif(1)), QUANTISATION, SCAN]);
      expect(withoutMetadata(photo, 'image/jpeg')).toEqual(Buffer.concat([SOI, JFIF, QUANTISATION, SCAN]));
    });

    it('is unchanged when it carries nothing to remove', () => {
      const photo = Buffer.concat([SOI, JFIF, QUANTISATION, SCAN]);
      expect(withoutMetadata(photo, 'image/jpeg')).toEqual(photo);
    });

    it.each([
      ['cut inside a segment', Buffer.concat([SOI, JFIF.subarray(0, 9)])],
      ['with no picture', Buffer.concat([SOI, JFIF])],
      ['with bytes that are not a marker', Buffer.concat([SOI, hex('00 11 22 33')])],
    ])('is refused (null) when %s', (_, photo) => {
      expect(withoutMetadata(photo, 'image/jpeg')).toBeNull();
    });
  });

  /** A PNG chunk: length, type, data, and a CRC (not checked here, so any four bytes). */
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, latin1(type), data, hex('DEADBEEF')]);
  };
  const PNG_SIGNATURE = hex('89504E470D0A1A0A');
  const IHDR = chunk('IHDR', Buffer.alloc(13, 2));
  const IDAT = chunk('IDAT', Buffer.alloc(20, 7));
  const IEND = chunk('IEND', Buffer.alloc(0));

  describe('a PNG', () => {
    it('loses its text, Exif and time chunks, the rest byte for byte', () => {
      const photo = Buffer.concat([PNG_SIGNATURE, IHDR, chunk('tEXt', latin1('Author\0Jan')), chunk('eXIf', cameraExif(6).subarray(6)), IDAT, chunk('tIME', Buffer.alloc(7)), IEND]);
      expect(withoutMetadata(photo, 'image/png')).toEqual(Buffer.concat([PNG_SIGNATURE, IHDR, IDAT, IEND]));
    });

    it('is unchanged when it carries nothing to remove, and refused when cut before its end', () => {
      const photo = Buffer.concat([PNG_SIGNATURE, IHDR, IDAT, IEND]);
      expect(withoutMetadata(photo, 'image/png')).toEqual(photo);
      expect(withoutMetadata(Buffer.concat([PNG_SIGNATURE, IHDR, IDAT]), 'image/png')).toBeNull();
    });
  });

  /** A RIFF chunk: four characters, a little-endian size, the data and a pad byte when the size is odd. */
  const riffChunk = (fourcc: string, data: Buffer) => {
    const size = Buffer.alloc(4);
    size.writeUInt32LE(data.length);
    return Buffer.concat([latin1(fourcc), size, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  };
  const webp = (...chunks: Buffer[]) => {
    const body = Buffer.concat(chunks);
    const size = Buffer.alloc(4);
    size.writeUInt32LE(4 + body.length);
    return Buffer.concat([latin1('RIFF'), size, latin1('WEBP'), body]);
  };

  describe('a WebP', () => {
    it('loses its EXIF and XMP chunks, and its extended header no longer announces them', () => {
      const picture = riffChunk('VP8 ', Buffer.alloc(11, 5)); // odd: padded
      const photo = webp(riffChunk('VP8X', hex('0C 000000 0F0000 0F0000')), picture, riffChunk('EXIF', cameraExif(6).subarray(6)), riffChunk('XMP ', latin1('<x:xmpmeta/>')));
      // Flags 0x0C (EXIF 0x08 | XMP 0x04) become 0x00; the RIFF size is 4 + the two chunks left.
      expect(withoutMetadata(photo, 'image/webp')).toEqual(webp(riffChunk('VP8X', hex('00 000000 0F0000 0F0000')), picture));
    });

    it('is unchanged when it carries nothing to remove, and refused when a chunk runs past the end', () => {
      const photo = webp(riffChunk('VP8 ', Buffer.alloc(10, 5)));
      expect(withoutMetadata(photo, 'image/webp')).toEqual(photo);
      expect(withoutMetadata(photo.subarray(0, photo.length - 3), 'image/webp')).toBeNull();
    });
  });
});
