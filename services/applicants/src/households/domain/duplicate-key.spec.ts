import { randomBytes } from 'node:crypto';
import { duplicateKey, normaliseName } from './duplicate-key';

describe('name normalisation', () => {
  it.each([
    ['  Zoë   Núñez ', 'zoe nunez'],
    ["Seán O'Brien-Murphy", 'sean o brien murphy'],
    ['ANNE-MARIE  DUPONT', 'anne marie dupont'],
    ['Jürgen Groß', 'jurgen gross'],
    ['Øyvind Ærø', 'oyvind aero'],
    ['Łukasz Wałęsa', 'lukasz walesa'],
    ['Ngozi\tAdébáyọ̀', 'ngozi adebayo'],
    ['Muhammad  al-Rashid', 'muhammad al rashid'],
    ['J. R. Smith', 'j r smith'],
  ])('reads %j as %j', (name, normalised) => {
    expect(normaliseName(name)).toBe(normalised);
  });

  it('keeps letters of other scripts', () => {
    expect(normaliseName('Ольга  Петрова')).toBe('ольга петрова');
    expect(normaliseName('محمد علي')).toBe('محمد علي');
  });

  it('is idempotent', () => {
    const once = normaliseName("Zoë O'Brien");

    expect(normaliseName(once)).toBe(once);
  });
});

describe('duplicate key', () => {
  const key = randomBytes(32);

  it('is the same for the same person however the name is typed', () => {
    expect(duplicateKey(key, 'Zoë Núñez', '1984-03-07')).toBe(duplicateKey(key, '  zoe   NUNEZ ', '1984-03-07'));
  });

  it('differs when the date of birth or the name differs', () => {
    const base = duplicateKey(key, 'Zoë Núñez', '1984-03-07');

    expect(duplicateKey(key, 'Zoë Núñez', '1984-03-08')).not.toBe(base);
    expect(duplicateKey(key, 'Zoë Nunes', '1984-03-07')).not.toBe(base);
  });

  it('does not let a name run into the date of birth', () => {
    expect(duplicateKey(key, 'Ann 1', '984-03-07')).not.toBe(duplicateKey(key, 'Ann', '1984-03-07'));
  });

  it('is keyed: another key gives another hash, and neither contains the name', () => {
    const hash = duplicateKey(key, 'Zoë Núñez', '1984-03-07');

    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(duplicateKey(randomBytes(32), 'Zoë Núñez', '1984-03-07')).not.toBe(hash);
  });
});
