import en from '../src/i18n/en.json';
import fr from '../src/i18n/fr.json';
import nl from '../src/i18n/nl.json';

/** Every key path of a translation file, e.g. `nav.dashboard`. */
function keys(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'object' && value !== null ? keys(value as Record<string, unknown>, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

describe('the console translations', () => {
  it('French and Dutch have exactly the English keys, none empty', () => {
    const english = keys(en).sort();
    expect(keys(fr).sort()).toEqual(english);
    expect(keys(nl).sort()).toEqual(english);
    for (const file of [en, fr, nl]) {
      for (const key of keys(file)) expect(key.split('.').reduce<any>((node, part) => node[part], file)).not.toBe('');
    }
  });
});
