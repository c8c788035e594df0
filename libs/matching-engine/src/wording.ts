/** Small helpers for the sentences shown to caseworkers. */

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export function people(count: number): string {
  return plural(count, 'person', 'people');
}

export function bedrooms(count: number): string {
  return plural(count, 'bedroom');
}
