import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Logger, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import request from 'supertest';
import type { Actor } from './actor';
import { authConfigSchema, type AuthConfig } from './auth-config.schema';
import { AuthModule } from './auth.module';
import { CurrentActor } from './current-actor.decorator';
import { Public } from './public.decorator';
import { Roles } from './roles.decorator';

const ISSUER = 'https://gateway.hearth.test';
const KID = 'gateway-key-1';

@Controller('units')
@Roles('sra_admin', 'sra_staff')
class UnitsController {
  @Get()
  list(@CurrentActor() actor: Actor) {
    return actor;
  }

  @Get('mine')
  @Roles('landlord')
  mine(@CurrentActor() actor: Actor) {
    return actor;
  }

  @Get('status')
  @Public()
  status() {
    return { ok: true };
  }
}

@Controller('forgotten')
class UndeclaredController {
  @Get()
  list() {
    return [];
  }
}

async function appWith(config: AuthConfig): Promise<INestApplication> {
  @Module({ imports: [AuthModule.forRoot(config)], controllers: [UnitsController, UndeclaredController] })
  class TestAppModule {}
  const app = await NestFactory.create(TestAppModule, { logger: false, abortOnError: false });
  await app.init();
  return app;
}

/** A local OpenID Connect issuer: discovery document and JWKS over HTTP, RS256 keys. */
async function startIssuer(jwk: JWK): Promise<{ server: Server; url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const { port } = server.address() as AddressInfo;
    const body =
      req.url === '/.well-known/openid-configuration'
        ? { issuer: `http://127.0.0.1:${port}`, jwks_uri: `http://127.0.0.1:${port}/keys` }
        : req.url === '/keys'
          ? { keys: [jwk] }
          : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

describe('JwtAuthGuard', () => {
  let app: INestApplication;
  let gatewayKey: CryptoKey;
  let oidcKey: CryptoKey;
  let oidc: Awaited<ReturnType<typeof startIssuer>>;
  const now = () => Math.floor(Date.now() / 1000);

  const sign = (claims: JWTPayload, options: { key?: CryptoKey; alg?: string; kid?: string | null; iss?: string; lifetime?: number } = {}) => {
    const jwt = new SignJWT({ aud: 'hearth', iat: now(), exp: now() + (options.lifetime ?? 600), iss: options.iss ?? ISSUER, ...claims });
    const kid = options.kid === undefined ? KID : options.kid;
    return jwt.setProtectedHeader({ alg: options.alg ?? 'EdDSA', ...(kid !== null && { kid }) }).sign(options.key ?? gatewayKey);
  };
  const get = (path: string, token?: string) => {
    const call = request(app.getHttpServer()).get(path);
    return token ? call.auth(token, { type: 'bearer' }) : call;
  };

  beforeAll(async () => {
    const gateway = await generateKeyPair('EdDSA');
    gatewayKey = gateway.privateKey;
    const oidcPair = await generateKeyPair('RS256');
    oidcKey = oidcPair.privateKey;
    oidc = await startIssuer({ ...(await exportJWK(oidcPair.publicKey)), kid: 'idp-1', alg: 'RS256' });
    const config = authConfigSchema.parse({
      AUTH_ISSUER: ISSUER,
      AUTH_JWKS: JSON.stringify({ keys: [{ ...(await exportJWK(gateway.publicKey)), kid: KID }] }),
      AUTH_OIDC_ISSUER: oidc.url,
      AUTH_OIDC_AUDIENCE: 'hearth-at-the-agency',
      AUTH_OIDC_ROLE_CLAIM: 'realm_access.roles',
    });
    app = await appWith(config);
  });

  afterAll(async () => {
    await app.close();
    oidc.server.close();
  });

  it('admits a staff token signed by the gateway key and exposes the actor', async () => {
    const response = await get('/units', await sign({ sub: 'user-1', role: 'sra_staff' }));

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ id: 'user-1', role: 'sra_staff' });
  });

  it('uses the handler roles before the controller roles', async () => {
    const landlordToken = await sign({ sub: 'user-2', role: 'landlord', landlordId: 'landlord-9' });
    const staffToken = await sign({ sub: 'user-1', role: 'sra_staff' });

    const mine = await get('/units/mine', landlordToken);
    const staffOnMine = await get('/units/mine', staffToken);

    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({ id: 'user-2', role: 'landlord', landlordId: 'landlord-9' });
    expect(staffOnMine.status).toBe(403);
  });

  it('rejects a request without a token, or with another scheme, with 401', async () => {
    await get('/units').expect(401);
    await request(app.getHttpServer()).get('/units').set('Authorization', 'Basic dXNlcjpwYXNz').expect(401);
  });

  it('rejects a token signed with the old symmetric secret (HS256) with 401', async () => {
    const secret = 'hearth-development-secret-change-me';
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: KID })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'user-1', role: 'sra_admin', iss: ISSUER, aud: 'hearth', iat: now(), exp: now() + 600 })).toString('base64url');
    const hs256 = `${header}.${payload}.${createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url')}`;

    const response = await get('/units', hs256);

    expect(response.status).toBe(401);
    expect(response.body.message).toBe('Tokens must be signed with RS256 or EdDSA');
  });

  it('rejects an unsigned (alg none) token with 401', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', kid: KID })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'user-1', role: 'sra_admin', iss: ISSUER, aud: 'hearth', iat: now(), exp: now() + 600 })).toString('base64url');

    await get('/units', `${header}.${payload}.`).expect(401);
  });

  it('rejects a token signed by a key the issuer does not publish, even under its key id, with 401', async () => {
    const { privateKey } = await generateKeyPair('EdDSA');

    const response = await get('/units', await sign({ sub: 'user-1', role: 'sra_admin' }, { key: privateKey }));

    expect(response.status).toBe(401);
    expect(response.body.message).toBe('The token signature is invalid');
  });

  it.each([
    ['expired', { exp: Math.floor(Date.now() / 1000) - 60, iat: Math.floor(Date.now() / 1000) - 660 }, 'The token has expired'],
    ['for another audience', { aud: 'another-application' }, 'The token is invalid: unexpected "aud" claim value'],
    ['without exp', { exp: undefined }, 'The token is invalid: missing required "exp" claim'],
    ['without iat', { iat: undefined }, 'The token is invalid: missing required "iat" claim'],
  ])('rejects a token %s with 401', async (_label, claims, message) => {
    const response = await get('/units', await sign({ sub: 'user-1', role: 'sra_admin', ...claims }));

    expect(response.status).toBe(401);
    expect(response.body.message).toBe(message);
  });

  it('rejects a token from an issuer it does not trust, and one without a key id, with 401', async () => {
    const otherIssuer = await get('/units', await sign({ sub: 'user-1', role: 'sra_admin' }, { iss: 'https://evil.example.org' }));
    const withoutKid = await get('/units', await sign({ sub: 'user-1', role: 'sra_admin' }, { kid: null }));

    expect([otherIssuer.status, otherIssuer.body.message]).toEqual([401, 'The token comes from an issuer this service does not trust']);
    expect([withoutKid.status, withoutKid.body.message]).toEqual([401, 'The token names no key id (kid)']);
  });

  it('rejects a token that lives longer than the configured maximum (900 s by default) with 401', async () => {
    const response = await get('/units', await sign({ sub: 'user-1', role: 'sra_admin' }, { lifetime: 901 }));

    expect(response.status).toBe(401);
    expect(response.body.message).toBe('The token lives longer than the 900 s this service accepts');
  });

  it('rejects a token with an unknown role or a landlord token without landlordId with 401', async () => {
    await get('/units', await sign({ sub: 'user-1', role: 'superuser' })).expect(401);
    await get('/units/mine', await sign({ sub: 'user-1', role: 'landlord' })).expect(401);
  });

  it('rejects a valid token whose role is not admitted with 403', async () => {
    await get('/units', await sign({ sub: 'user-3', role: 'inspector' })).expect(403);
  });

  it('admits an OpenID Connect issuer’s RS256 token, its keys found by discovery and its role in a nested list', async () => {
    const token = await sign(
      { sub: 'idp-user-7', aud: 'hearth-at-the-agency', realm_access: { roles: ['offline_access', 'caseworker'] } },
      { key: oidcKey, alg: 'RS256', kid: 'idp-1', iss: oidc.url, lifetime: 3600 },
    );
    await get('/units', token).expect(403);

    const staff = await sign({ sub: 'idp-user-8', aud: 'hearth-at-the-agency', realm_access: { roles: ['sra_staff'] } }, { key: oidcKey, alg: 'RS256', kid: 'idp-1', iss: oidc.url, lifetime: 3600 });
    const response = await get('/units', staff);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ id: 'idp-user-8', role: 'sra_staff' });
    expect(oidc.requests).toEqual(expect.arrayContaining(['/.well-known/openid-configuration', '/keys']));
  });

  it('refuses the OpenID Connect issuer’s token for the gateway’s audience (each issuer has its own)', async () => {
    const token = await sign({ sub: 'idp-user-8', realm_access: { roles: ['sra_staff'] } }, { key: oidcKey, alg: 'RS256', kid: 'idp-1', iss: oidc.url });

    await get('/units', token).expect(401);
  });

  it('answers 503, not 401, when a trusted issuer’s keys cannot be fetched', async () => {
    const unreachable = await appWith(
      authConfigSchema.parse({ AUTH_ISSUER: ISSUER, AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks.json' }),
    );
    try {
      const response = await request(unreachable.getHttpServer()).get('/units').auth(await sign({ sub: 'user-1', role: 'sra_staff' }), { type: 'bearer' });

      expect(response.status).toBe(503);
    } finally {
      await unreachable.close();
    }
  });

  it('refuses a route that declares no roles to everyone, and warns once naming it', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const adminToken = await sign({ sub: 'user-1', role: 'sra_admin' });

    await get('/forgotten', adminToken).expect(403);
    await get('/forgotten').expect(403);

    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain('UndeclaredController.list');
    warn.mockRestore();
  });

  it('admits anyone on a @Public route', async () => {
    await get('/units/status').expect(200, { ok: true });
  });
});

describe('auth configuration', () => {
  const publicJwk = { kty: 'OKP', crv: 'Ed25519', x: 'zPn57cWPr_8UvBKZrdfA-fbJvaIPOplpfLk3-7qCzuE' };

  it('refuses a private key in AUTH_JWKS: a service never holds a key that can sign', () => {
    const result = authConfigSchema.safeParse({ AUTH_ISSUER: ISSUER, AUTH_JWKS: JSON.stringify({ keys: [{ ...publicJwk, kid: 'k', d: 'secret' }] }) });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['must hold public keys only']);
  });

  it('refuses keys without a key id and text that is not a key set', () => {
    expect(authConfigSchema.safeParse({ AUTH_ISSUER: ISSUER, AUTH_JWKS: JSON.stringify({ keys: [publicJwk] }) }).success).toBe(false);
    expect(authConfigSchema.safeParse({ AUTH_ISSUER: ISSUER, AUTH_JWKS: 'secret' }).success).toBe(false);
  });

  it('applies the documented defaults', () => {
    expect(authConfigSchema.parse({ AUTH_ISSUER: ISSUER })).toMatchObject({
      AUTH_AUDIENCE: 'hearth',
      AUTH_MAX_TOKEN_AGE: 900,
      AUTH_OIDC_MAX_TOKEN_AGE: 3600,
      AUTH_ROLE_CLAIM: 'role',
      AUTH_LANDLORD_CLAIM: 'landlordId',
      AUTH_CLOCK_TOLERANCE: 5,
      AUTH_JWKS_CACHE: 600,
      AUTH_VERIFIED_TOKEN_CACHE: 30,
    });
  });

  it('stops the service at start-up when both AUTH_JWKS and AUTH_JWKS_URL are set, or the test key is used in production', () => {
    const both = authConfigSchema.parse({ AUTH_ISSUER: ISSUER, AUTH_JWKS_URL: `${ISSUER}/jwks`, AUTH_JWKS: JSON.stringify({ keys: [{ ...publicJwk, kid: 'k' }] }) });
    const testKeyInProduction = {
      ...authConfigSchema.parse({ AUTH_ISSUER: ISSUER, AUTH_JWKS: JSON.stringify({ keys: [{ ...publicJwk, kid: 'hearth-test-only-1' }] }) }),
      NODE_ENV: 'production',
    };

    expect(() => AuthModule.forRoot(both)).toThrow('give AUTH_JWKS_URL or AUTH_JWKS, not both');
    expect(() => AuthModule.forRoot(testKeyInProduction)).toThrow('AUTH_JWKS holds the test-only or development public key, refused in production');
  });
});
