import { isValidIban, maskIban } from './bank-account';

/** Builds an IBAN with correct check digits for any BBAN, computed independently with BigInt. */
function withCheckDigits(country: string, bban: string): string {
  const numeric = `${bban}${country}00`.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  const checkDigits = String(98n - (BigInt(numeric) % 97n)).padStart(2, '0');
  return `${country}${checkDigits}${bban}`;
}

const VALID = {
  BE: 'BE68539007547034',
  NL: 'NL91ABNA0417164300',
  DE: 'DE89370400440532013000',
  FR: 'FR1420041010050500013M02606',
};

describe('isValidIban', () => {
  it('builds test IBANs the same way the known-good ones were built', () => {
    expect(withCheckDigits('BE', '539007547034')).toBe(VALID.BE);
    expect(withCheckDigits('FR', '20041010050500013M02606')).toBe(VALID.FR);
  });

  it.each(Object.entries(VALID))('accepts a valid %s IBAN written without spaces', (_country, iban) => {
    expect(isValidIban(iban)).toBe(true);
  });

  it.each([
    ['BE, grouped by four', 'BE68 5390 0754 7034'],
    ['NL, grouped by four', 'NL91 ABNA 0417 1643 00'],
    ['DE, grouped by four', 'DE89 3704 0044 0532 0130 00'],
    ['FR, grouped by four', 'FR14 2004 1010 0505 0001 3M02 606'],
    ['BE, with stray and double spaces', ' BE68  5390 07547034 '],
    ['BE, with a tab', 'BE68\t539007547034'],
  ])('accepts a valid IBAN with spaces (%s)', (_label, iban) => {
    expect(isValidIban(iban)).toBe(true);
  });

  it.each([
    ['NL', 'nl91abna0417164300'],
    ['FR', 'fr14 2004 1010 0505 0001 3m02 606'],
    ['DE, mixed case', 'De89 3704 0044 0532 0130 00'],
  ])('accepts a valid %s IBAN in lower case', (_label, iban) => {
    expect(isValidIban(iban)).toBe(true);
  });

  it.each([
    ['BE', 'BE69539007547034'],
    ['NL', 'NL19ABNA0417164300'],
    ['DE', 'DE88370400440532013000'],
    ['FR', 'FR1420041010050500013M02607'],
    ['BE, two digits swapped in the account number', 'BE68539007547043'],
    ['BE, check digits 00', 'BE00539007547034'],
  ])('rejects an IBAN whose check digits do not match (%s)', (_label, iban) => {
    expect(isValidIban(iban)).toBe(false);
  });

  describe('length', () => {
    it.each([
      ['BE, one digit short', withCheckDigits('BE', '53900754703')],
      ['BE, two digits too many', withCheckDigits('BE', '53900754703412')],
      ['NL, one character short', withCheckDigits('NL', 'ABNA041716430')],
      ['DE, one digit too many', withCheckDigits('DE', '3704004405320130001')],
      ['FR, the length of a BE IBAN', withCheckDigits('FR', '200410100505')],
    ])('rejects an IBAN of the wrong length for its country even with correct check digits (%s)', (_label, iban) => {
      expect(isValidIban(iban)).toBe(false);
    });

    it.each([
      ['shorter than any country allows (14 characters)', withCheckDigits('BR', '0123456789')],
      ['longer than any country allows (35 characters)', withCheckDigits('BR', '1234567890123456789012345678901')],
    ])('rejects an IBAN %s', (_label, iban) => {
      expect(isValidIban(iban)).toBe(false);
    });

    it('accepts a correctly checked IBAN from outside SEPA (Brazil, 29 characters)', () => {
      const iban = withCheckDigits('BR', '0036030500001000979549' + '3P1');

      expect(iban).toHaveLength(29);
      expect(isValidIban(iban)).toBe(true);
    });
  });

  it.each([
    ['a digit in the country code', 'B168539007547034'],
    ['a letter in the check digits', 'BE6A539007547034'],
    ['country code and check digits swapped', '68BE539007547034'],
    ['hyphens between the groups', 'BE68-5390-0754-7034'],
    ['an accented letter', 'BE68539007547Ä34'],
    ['a dot', 'BE68.539007547034'],
  ])('rejects an IBAN with %s', (_label, iban) => {
    expect(isValidIban(iban)).toBe(false);
  });

  it.each([[''], ['   '], ['BE']])('rejects an empty or truncated value %j', (value) => {
    expect(isValidIban(value)).toBe(false);
  });
});

describe('maskIban', () => {
  it('shows the country, the check digits and the last four characters only', () => {
    expect(maskIban('BE68 5390 0754 7034')).toBe('BE68 **** **** 7034');
  });

  it('masks an IBAN written without spaces and in lower case the same way, in upper case', () => {
    expect(maskIban('fr1420041010050500013m02606')).toBe('FR14 **** **** 2606');
  });

  it('hides the middle of the account number whatever the IBAN length', () => {
    const masked = maskIban(VALID.DE);

    expect(masked).toBe('DE89 **** **** 3000');
    expect(masked).not.toContain('37040044');
  });
});
