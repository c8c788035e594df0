import { Body, Controller, Get, Param, Post, Query, UnauthorizedException, type INestApplication } from '@nestjs/common';
import { Public } from '@hearth/auth';
import { createZodDto } from 'nestjs-zod';
import request from 'supertest';
import { z } from 'zod';
import { pageQuery } from '../pagination/page-query.schema';
import { createPlatformApp } from '../test-support/create-platform-app';
import { ConflictError, InvalidTransitionError, NotFoundError, ValidationError } from './domain.errors';

class SubmitUnitDto extends createZodDto(
  z.object({ bedrooms: z.number().int().min(1), address: z.object({ postcode: z.string() }) }),
) {}

class TagUnitDto extends createZodDto(z.strictObject({ tag: z.string() })) {}

class ListUnitsDto extends createZodDto(pageQuery({ district: z.string().optional() })) {}

@Controller('units')
@Public()
class UnitsController {
  @Post()
  submit(@Body() dto: SubmitUnitDto) {
    return dto;
  }

  @Post('tags')
  tag(@Body() dto: TagUnitDto) {
    return dto;
  }

  @Get()
  list(@Query() query: ListUnitsDto) {
    return query;
  }

  @Get('missing/:id')
  missing(@Param('id') id: string) {
    throw new NotFoundError('UNIT.NOT_FOUND', `No unit ${id}`);
  }

  @Post('stale')
  stale() {
    throw new ConflictError('CONCURRENCY.STALE', 'The unit was changed by someone else', { currentVersion: 3 });
  }

  @Post('let')
  letUnit() {
    throw new InvalidTransitionError('UNIT.NOT_AVAILABLE', 'A draft unit cannot be let');
  }

  @Post('rules')
  rules() {
    throw new ValidationError([{ field: 'rent', message: 'must be below the market rent' }]);
  }

  @Get('private')
  private() {
    throw new UnauthorizedException('A bearer token is required');
  }

  @Get('broken')
  broken() {
    throw new Error('connection to 10.0.0.5 refused, password=hunter2');
  }
}

describe('ProblemDetailsFilter', () => {
  let app: INestApplication;
  let logs: Record<string, unknown>[];

  beforeAll(async () => {
    ({ app, logs } = await createPlatformApp([UnitsController]));
  });

  afterAll(() => app.close());

  it('answers a domain error with its status and code as problem+json', async () => {
    const response = await request(app.getHttpServer()).get('/units/missing/u-1?expand=all').set('x-correlation-id', 'corr-1');

    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.body).toEqual({
      type: 'https://hearth.dev/problems/unit-not-found',
      title: 'Not Found',
      status: 404,
      detail: 'No unit u-1',
      code: 'UNIT.NOT_FOUND',
      instance: '/units/missing/u-1',
      correlationId: 'corr-1',
    });
  });

  it('adds a domain error’s extras and maps conflicts and invalid transitions to 409', async () => {
    const stale = await request(app.getHttpServer()).post('/units/stale');
    const transition = await request(app.getHttpServer()).post('/units/let');

    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'CONCURRENCY.STALE', currentVersion: 3 });
    expect(transition.status).toBe(409);
    expect(transition.body).toMatchObject({ code: 'UNIT.NOT_AVAILABLE', type: 'https://hearth.dev/problems/unit-not-available' });
  });

  it('lists each invalid body field of a zod DTO', async () => {
    const response = await request(app.getHttpServer()).post('/units').send({ bedrooms: 0, address: {} });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, instance: '/units' });
    expect(response.body.errors).toEqual([
      { field: 'bedrooms', message: expect.stringContaining('>=1') },
      { field: 'address.postcode', message: expect.any(String) },
    ]);
  });

  it('names each unknown field of a strict DTO', async () => {
    const response = await request(app.getHttpServer()).post('/units/tags').send({ tag: 'garden', colour: 'red' });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'colour', message: 'is not a known field' }]);
  });

  it('lists invalid query parameters too', async () => {
    const response = await request(app.getHttpServer()).get('/units?limit=500');

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'limit', message: expect.any(String) }]);
  });

  it('answers a domain ValidationError with its fields', async () => {
    const response = await request(app.getHttpServer()).post('/units/rules');

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'rent', message: 'must be below the market rent' }]);
  });

  it('answers a malformed JSON body with 400', async () => {
    const response = await request(app.getHttpServer())
      .post('/units')
      .set('Content-Type', 'application/json')
      .send('{"bedrooms": ');

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code: 'BAD_REQUEST', instance: '/units', correlationId: expect.any(String) });
  });

  it('answers an oversized body with 413', async () => {
    const response = await request(app.getHttpServer())
      .post('/units')
      .send({ notes: 'x'.repeat(200_000) });

    expect(response.status).toBe(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('maps Nest HTTP exceptions by status', async () => {
    const unauthenticated = await request(app.getHttpServer()).get('/units/private');
    const unknownRoute = await request(app.getHttpServer()).get('/nowhere');

    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.body).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', detail: 'A bearer token is required' });
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.body).toMatchObject({ code: 'NOT_FOUND', title: 'Not Found' });
  });

  it('hides an unexpected error behind a generic 500 and logs it with the correlation id', async () => {
    const response = await request(app.getHttpServer()).get('/units/broken').set('x-correlation-id', 'corr-500');

    expect(response.status).toBe(500);
    expect(response.body).toMatchObject({ code: 'INTERNAL_ERROR', title: 'Internal Server Error', correlationId: 'corr-500' });
    expect(JSON.stringify(response.body)).not.toContain('hunter2');
    const logged = logs.find((line) => line['context'] === 'ProblemDetailsFilter' && line['correlationId'] === 'corr-500');
    expect(logged).toMatchObject({ level: 50, err: { message: expect.stringContaining('hunter2') } });
  });
});
