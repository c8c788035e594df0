import { passwordProblems } from './password-policy';

describe('password policy', () => {
  it('accepts a long passphrase that is not common', () => {
    expect(passwordProblems('correct horse battery staple 7', 'ann@example.org')).toEqual([]);
  });

  it('refuses passwords shorter than 12 characters, counting characters not bytes', () => {
    expect(passwordProblems('tr0ub4dor&3', 'ann@example.org')).toEqual(['too_short']);
    // 12 characters, 24 bytes in UTF-8
    expect(passwordProblems('éèàçùâêîôûëï', 'ann@example.org')).toEqual([]);
  });

  it('refuses passwords longer than 128 characters', () => {
    expect(passwordProblems('a-quite-unusual-phrase '.repeat(6), 'ann@example.org')).toEqual(['too_long']);
  });

  it.each(['password1234', 'PASSWORD1234', '123456789012'])('refuses the common password %s whatever its case', (password) => {
    expect(passwordProblems(password, 'ann@example.org')).toContain('common');
  });

  it('refuses a common word with digits appended (sunshine2024…) but not once something else follows', () => {
    expect(passwordProblems('sunshine20242025', 'ann@example.org')).toContain('common');
    expect(passwordProblems('sunshine20242025!', 'ann@example.org')).toEqual([]);
  });

  it('refuses a password containing the local part of the e-mail address', () => {
    expect(passwordProblems('Peeters-in-Brussels', 'peeters@example.org')).toEqual(['contains_email']);
  });
});
