import { Body, Controller, Post, type INestApplication } from '@nestjs/common';
import { AuthModule, authConfigSchema, Roles } from '@hearth/auth';
import { createZodDto } from 'nestjs-zod';
import request from 'supertest';
import { z } from 'zod';
import { createPlatformApp } from '../test-support/create-platform-app';

class SubmitUnitDto extends createZodDto(z.object({ bedrooms: z.number().int().min(1).describe('Number of bedrooms') })) {}

@Controller('units')
class UnitsController {
  @Post()
  @Roles('sra_staff')
  submit(@Body() dto: SubmitUnitDto) {
    return dto;
  }
}

describe('configureHttpApp', () => {
  let app: INestApplication;

  beforeAll(async () => {
    ({ app } = await createPlatformApp([UnitsController], [AuthModule.forRoot(authConfigSchema.parse({ AUTH_ISSUER: 'https://hearth.example.org', AUTH_JWKS_URL: 'https://hearth.example.org/jwks.json' }))]));
  });

  afterAll(() => app.close());

  it('serves the OpenAPI document with bearer auth and the zod DTOs described', async () => {
    const response = await request(app.getHttpServer()).get('/docs-json');

    expect(response.status).toBe(200);
    expect(response.body.info).toMatchObject({ title: 'Test service', version: '1' });
    expect(response.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const submit = response.body.paths['/units'].post;
    expect(submit.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(submit.responses)).toEqual(expect.arrayContaining(['401', '403']));
    expect(response.body.components.schemas.SubmitUnitDto.properties.bedrooms).toMatchObject({
      type: 'integer',
      minimum: 1,
      description: 'Number of bedrooms',
    });
  });

  it('answers a request the auth guard refuses as problem+json', async () => {
    const response = await request(app.getHttpServer()).post('/units').send({ bedrooms: 2 });

    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', type: 'https://hearth.dev/problems/auth-unauthenticated' });
  });
});
