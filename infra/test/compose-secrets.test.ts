import { SERVICES } from '@hearth/testing';
import { readCompose } from './compose';

/** `${NAME:?message}`: Compose refuses to start while NAME is unset or empty; no default value. */
const REQUIRED_VARIABLE = /^\$\{([A-Z_]+):\?[^}]*\}$/;
const SECRET_NAME = /SECRET|KEY|TOKEN|PASSWORD/;

describe('docker-compose.yml secrets', () => {
  const { services } = readCompose();
  const environments = Object.entries(services).flatMap(([service, { environment = {} }]) =>
    Object.entries(environment).map(([name, value]) => ({ service, name, value: String(value) })),
  );

  it('gives no secret, key, token or password a default: each must come from the environment', () => {
    const secrets = environments.filter(({ name }) => SECRET_NAME.test(name));

    expect(secrets.map(({ name }) => name)).toEqual(expect.arrayContaining(['GATEWAY_DATA_KEY', 'BANK_ACCOUNT_KEY', 'APPLICANTS_DATA_KEY', 'POSTGRES_PASSWORD']));
    for (const secret of secrets) expect({ ...secret, required: REQUIRED_VARIABLE.test(secret.value) }).toMatchObject({ required: true });
  });

  it('puts no literal password in a connection URL', () => {
    const urls = environments.filter(({ value }) => /^\w+:\/\/[^/]*@/.test(value));

    expect(urls.length).toBeGreaterThan(0);
    for (const { service, name, value } of urls) {
      const credentials = /^\w+:\/\/([^@]*)@/.exec(value)![1];
      const password = credentials.includes(':') ? credentials.slice(credentials.indexOf(':') + 1) : '';
      expect({ service, name, password, required: password === '' || REQUIRED_VARIABLE.test(password) }).toMatchObject({ required: true });
    }
  });

  it('runs every Hearth service with NODE_ENV=production, so development defaults are refused', () => {
    const hearth = Object.entries(services).filter(([, service]) => service.build !== undefined);

    expect(hearth.map(([name]) => name).sort()).toEqual(Object.keys(SERVICES).sort());
    for (const [name, service] of hearth) expect({ name, NODE_ENV: service.environment?.['NODE_ENV'] }).toEqual({ name, NODE_ENV: 'production' });
  });
});
