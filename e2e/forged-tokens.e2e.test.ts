import { bearer, forgedTokens, type ServiceKey } from '@hearth/testing';
import { client, Platform } from './support';

jest.setTimeout(300_000);

/** A list every service answers to an administrator, so only the token decides the status. */
const PROTECTED_READS: [ServiceKey, string][] = [
  ['landlords', '/landlords'],
  ['units', '/units'],
  ['inspections', '/inspections'],
  ['applicants', '/households'],
  ['matching', '/offers'],
];

describe('every service refuses forged, expired and foreign tokens', () => {
  const platform = new Platform();

  beforeAll(() => platform.start(PROTECTED_READS.map(([service]) => service)));
  afterAll(() => platform.stop());

  it.each(PROTECTED_READS)('%s admits a token from the trusted key and refuses every forged one with 401', async (service, path) => {
    const valid = await client(platform.service(service).url, bearer('sra_admin')).get(path);
    expect(valid.status).toBe(200);

    const notRefused: string[] = [];
    for (const [label, token] of forgedTokens()) {
      const response = await client(platform.service(service).url, { authorization: `Bearer ${token}` }).get(path);
      if (response.status !== 401 || response.body.code !== 'AUTH.UNAUTHENTICATED') notRefused.push(`${label}: ${response.status}`);
    }
    expect(notRefused).toEqual([]);
  });
});
