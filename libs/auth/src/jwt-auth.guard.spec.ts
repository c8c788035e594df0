import { generateKeyPairSync } from 'node:crypto';
import { Controller, Get, Logger, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { sign } from 'jsonwebtoken';
import request from 'supertest';
import type { Actor } from './actor';
import { AuthModule } from './auth.module';
import { CurrentActor } from './current-actor.decorator';
import { Public } from './public.decorator';
import { Roles } from './roles.decorator';
import { mintToken } from './token';

const SECRET = 'a-test-secret-of-32-characters!!';

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

@Module({
  imports: [AuthModule.forRoot({ jwtSecret: SECRET })],
  controllers: [UnitsController, UndeclaredController],
})
class TestAppModule {}

describe('JwtAuthGuard', () => {
  let app: INestApplication;
  const staffToken = mintToken(SECRET, { sub: 'user-1', role: 'sra_staff' });

  beforeAll(async () => {
    app = await NestFactory.create(TestAppModule, { logger: false, abortOnError: false });
    await app.init();
  });

  afterAll(() => app.close());

  it('admits a staff token and exposes the actor', async () => {
    const response = await request(app.getHttpServer()).get('/units').auth(staffToken, { type: 'bearer' });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ id: 'user-1', role: 'sra_staff' });
  });

  it('uses the handler roles before the controller roles', async () => {
    const landlordToken = mintToken(SECRET, { sub: 'user-2', role: 'landlord', landlordId: 'landlord-9' });

    const mine = await request(app.getHttpServer()).get('/units/mine').auth(landlordToken, { type: 'bearer' });
    const staffOnMine = await request(app.getHttpServer()).get('/units/mine').auth(staffToken, { type: 'bearer' });

    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({ id: 'user-2', role: 'landlord', landlordId: 'landlord-9' });
    expect(staffOnMine.status).toBe(403);
  });

  it('rejects a request without a token with 401', async () => {
    await request(app.getHttpServer()).get('/units').expect(401);
  });

  it('rejects a token signed with another secret with 401', async () => {
    const forged = mintToken('another-secret-of-32-characters!', { sub: 'user-1', role: 'sra_admin' });

    await request(app.getHttpServer()).get('/units').auth(forged, { type: 'bearer' }).expect(401);
  });

  it('rejects an unsigned (alg none) token with 401', async () => {
    const unsigned = sign({ sub: 'user-1', role: 'sra_admin' }, '', { algorithm: 'none' });

    await request(app.getHttpServer()).get('/units').auth(unsigned, { type: 'bearer' }).expect(401);
  });

  it('rejects an RS256-signed token with 401', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rsSigned = sign({ sub: 'user-1', role: 'sra_admin' }, privateKey, { algorithm: 'RS256' });

    await request(app.getHttpServer()).get('/units').auth(rsSigned, { type: 'bearer' }).expect(401);
  });

  it('rejects an expired token with 401', async () => {
    const expired = sign({ sub: 'user-1', role: 'sra_admin', exp: Math.floor(Date.now() / 1000) - 60 }, SECRET);

    const response = await request(app.getHttpServer()).get('/units').auth(expired, { type: 'bearer' });

    expect(response.status).toBe(401);
    expect(response.body.message).toBe('The token has expired');
  });

  it('rejects a token with an unknown role or a landlord token without landlordId with 401', async () => {
    const unknownRole = sign({ sub: 'user-1', role: 'superuser' }, SECRET);
    const landlordWithoutId = sign({ sub: 'user-1', role: 'landlord' }, SECRET);

    await request(app.getHttpServer()).get('/units').auth(unknownRole, { type: 'bearer' }).expect(401);
    await request(app.getHttpServer()).get('/units/mine').auth(landlordWithoutId, { type: 'bearer' }).expect(401);
  });

  it('rejects a valid token whose role is not admitted with 403', async () => {
    const inspectorToken = mintToken(SECRET, { sub: 'user-3', role: 'inspector' });

    await request(app.getHttpServer()).get('/units').auth(inspectorToken, { type: 'bearer' }).expect(403);
  });

  it('refuses a route that declares no roles to everyone, and warns once naming it', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const adminToken = mintToken(SECRET, { sub: 'user-1', role: 'sra_admin' });

    await request(app.getHttpServer()).get('/forgotten').auth(adminToken, { type: 'bearer' }).expect(403);
    await request(app.getHttpServer()).get('/forgotten').expect(403);

    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain('UndeclaredController.list');
    warn.mockRestore();
  });

  it('admits anyone on a @Public route', async () => {
    await request(app.getHttpServer()).get('/units/status').expect(200, { ok: true });
  });
});
