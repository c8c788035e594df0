import { databaseUrl, serviceDatabaseName } from './database-url';

describe('serviceDatabaseName', () => {
  it.each([
    ['landlords', 'hearth_landlords'],
    ['units', 'hearth_units'],
  ])('names the %s database %s', (service, expected) => {
    expect(serviceDatabaseName(service)).toBe(expected);
  });
});

describe('databaseUrl', () => {
  it('replaces the server URL’s database with the service’s own', () => {
    expect(databaseUrl('postgres://hearth:secret@db:5432/postgres', 'hearth_units')).toBe('postgres://hearth:secret@db:5432/hearth_units');
  });

  it('adds the database to a server URL that names none', () => {
    expect(databaseUrl('postgres://hearth:secret@db:5432', 'hearth_units')).toBe('postgres://hearth:secret@db:5432/hearth_units');
  });

  it('keeps the scheme, an encoded password and query parameters', () => {
    const url = databaseUrl('postgresql://hearth:p%40ss%2Fw0rd@db.internal/postgres?sslmode=require', 'hearth_landlords');

    expect(url).toBe('postgresql://hearth:p%40ss%2Fw0rd@db.internal/hearth_landlords?sslmode=require');
  });

  it('gives each service a different database on the same server', () => {
    const server = 'postgres://postgres@127.0.0.1:5432';

    const urls = ['landlords', 'units'].map((service) => databaseUrl(server, serviceDatabaseName(service)));

    expect(urls).toEqual(['postgres://postgres@127.0.0.1:5432/hearth_landlords', 'postgres://postgres@127.0.0.1:5432/hearth_units']);
  });

  it('throws on a server URL without a scheme', () => {
    expect(() => databaseUrl('not a url', 'hearth_units')).toThrow('Invalid URL');
  });
});
