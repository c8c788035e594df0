import { photoTypeOf } from './photo-type';

const bytes = (...values: (number | string)[]) =>
  Uint8Array.from(values.flatMap((value) => (typeof value === 'string' ? [...value].map((char) => char.charCodeAt(0)) : [value])));

describe('photoTypeOf: an image told by its first bytes', () => {
  it.each([
    ['a JPEG (JFIF)', bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'JFIF'), 'image/jpeg'],
    ['a JPEG (Exif, as phones write)', bytes(0xff, 0xd8, 0xff, 0xe1, 0x12, 0x34, 'Exif'), 'image/jpeg'],
    ['a PNG', bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'IHDR'), 'image/png'],
    ['a lossy WebP', bytes('RIFF', 0x24, 0, 0, 0, 'WEBPVP8 ', 0, 0), 'image/webp'],
    ['a lossless WebP', bytes('RIFF', 0x24, 0, 0, 0, 'WEBPVP8L', 0, 0), 'image/webp'],
  ])('recognises %s', (_name, input, expected) => {
    expect(photoTypeOf(input)).toBe(expected);
  });

  it.each([
    ['nothing', bytes()],
    ['a PDF', bytes('%PDF-1.7')],
    ['a GIF', bytes('GIF89a')],
    ['an SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['a WAV (RIFF, not WebP)', bytes('RIFF', 0x24, 0, 0, 0, 'WAVEfmt ', 0, 0)],
    ['a PNG cut short', bytes(0x89, 'PNG', 0x0d, 0x0a)],
    ['two bytes of a JPEG', bytes(0xff, 0xd8)],
  ])('refuses %s', (_name, input) => {
    expect(photoTypeOf(input)).toBeNull();
  });
});
