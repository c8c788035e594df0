import { csvCell, toCsv } from './csv';

describe('CSV', () => {
  it('quotes what needs quoting, doubles quotes, and defuses formulas', () => {
    expect(csvCell('Housing First')).toBe('Housing First');
    expect(csvCell('Logés, par programme')).toBe('"Logés, par programme"');
    expect(csvCell('say "no"')).toBe('"say ""no"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(43.75)).toBe('43.75');
    expect(csvCell(null)).toBe('');
  });

  it('writes a header and rows with CRLF line ends', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y'], [null, 'z']])).toBe('a,b\r\n1,"x,y"\r\n,z\r\n');
  });
});
