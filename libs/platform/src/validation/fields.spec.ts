import { Body, Controller, Get, Post, Query, type INestApplication } from '@nestjs/common';
import { Public } from '@hearth/auth';
import { createZodDto } from 'nestjs-zod';
import request from 'supertest';
import { z } from 'zod';
import { isTransientError, TimeoutError, withTimeout } from '../errors/transient-error';
import { createPlatformApp } from '../test-support/create-platform-app';
import { code, date, dateTime, districtCode, int, money, normalizeCode, postalCode, queryInt, text, toCents } from './fields';

const ok = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

describe('the validation vocabulary', () => {
  it('text refuses NUL and other control characters, blank values, line breaks unless multiline, and overlong values', () => {
    expect(ok(text({ max: 10 }), 'Rue Haute')).toBe(true);
    expect(ok(text({ max: 10 }), 'a\u0000b')).toBe(false);
    expect(ok(text({ max: 10 }), 'a\u0007b')).toBe(false);
    expect(ok(text({ max: 10 }), '   ')).toBe(false);
    expect(ok(text({ max: 10 }), 'two\nlines')).toBe(false);
    expect(ok(text({ max: 20, multiline: true }), 'two\nlines')).toBe(true);
    expect(ok(text({ max: 3 }), 'four')).toBe(false);
    expect(text({ max: 10 }).parse('  padded  ')).toBe('padded');
  });

  it('normalises codes once: trimmed, inner spaces collapsed, upper case', () => {
    expect(normalizeCode('  d4 ')).toBe('D4');
    expect(normalizeCode('bxl   north')).toBe('BXL NORTH');
    expect(districtCode().parse(' d4')).toBe('D4');
    expect(postalCode().parse('1012  ab')).toBe('1012 AB');
    expect(ok(districtCode(), 'D4;DROP')).toBe(false);
    expect(ok(code({ max: 3 }), 'ABCD')).toBe(false);
  });

  it('money takes at most two decimals within bounds, and converts to integer cents exactly', () => {
    expect(ok(money(), 690.55)).toBe(true);
    expect(ok(money(), 0.1 + 0.2)).toBe(true); // 0.30000000000000004 is 30 cents
    expect(ok(money(), 690.555)).toBe(false);
    expect(ok(money(), -1)).toBe(false);
    expect(ok(money(), 1e12)).toBe(false);
    expect(ok(money({ max: 5_000 }), 5_000.01)).toBe(false);
    expect(toCents(690.55)).toBe(69055);
    expect(toCents(0.1 + 0.2)).toBe(30);
    expect(toCents(19.99)).toBe(1999);
  });

  it('integers are whole and bounded, also from a query string', () => {
    expect(ok(int({ min: 0, max: 10 }), 10)).toBe(true);
    expect(ok(int({ min: 0, max: 10 }), 11)).toBe(false);
    expect(ok(int({ min: 0, max: 10 }), 1.5)).toBe(false);
    expect(queryInt({ min: 0, max: 10 }).parse('7')).toBe(7);
    expect(ok(queryInt({ min: 0, max: 10 }), '99999999999999999999')).toBe(false);
  });

  it('dates must exist and be storable (1900–2199)', () => {
    expect(ok(date(), '2026-02-28')).toBe(true);
    expect(ok(date(), '2026-02-30')).toBe(false);
    expect(ok(date(), '0000-01-01')).toBe(false);
    expect(ok(date(), '1899-12-31')).toBe(false);
    expect(ok(date(), '2200-01-01')).toBe(false);
    expect(ok(dateTime(), '2026-11-30T10:00:00Z')).toBe(true);
    expect(ok(dateTime(), '0000-01-01T00:00:00Z')).toBe(false);
  });
});

describe('transient errors', () => {
  it('recognises a database that is down or restarting, deadlocks and timeouts, but not bad data', () => {
    expect(isTransientError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isTransientError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientError(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe(true);
    expect(isTransientError(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isTransientError({ name: 'QueryFailedError', message: 'x', driverError: { code: '40001' } })).toBe(true);
    expect(isTransientError(new TimeoutError('Redis', 100))).toBe(true);
    expect(isTransientError(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBe(false);
    expect(isTransientError(Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' }))).toBe(false);
    expect(isTransientError(new TypeError('x is undefined'))).toBe(false);
  });

  it('withTimeout rejects with a TimeoutError when the call does not answer', async () => {
    await expect(withTimeout(new Promise(() => undefined), 20, 'Redis')).rejects.toBeInstanceOf(TimeoutError);
    await expect(withTimeout(Promise.resolve(3), 20, 'Redis')).resolves.toBe(3);
  });
});

class NoteDto extends createZodDto(z.object({ note: z.string(), items: z.array(z.object({ label: z.string() })).optional() })) {}
class FilterDto extends createZodDto(z.object({ district: z.string().optional() })) {}

@Controller('notes')
@Public()
class NotesController {
  static received = 0;

  @Post()
  create(@Body() dto: NoteDto) {
    NotesController.received += 1;
    return dto;
  }

  @Get()
  list(@Query() query: FilterDto) {
    NotesController.received += 1;
    return query;
  }
}

describe('a NUL character anywhere in a request', () => {
  let app: INestApplication;

  beforeAll(async () => {
    ({ app } = await createPlatformApp([NotesController]));
  });
  afterAll(() => app.close());

  it('is refused with a 400 problem naming the field, before any handler runs', async () => {
    const before = NotesController.received;
    const body = await request(app.getHttpServer()).post('/notes').send({ note: 'ok', items: [{ label: 'a\u0000b' }] }).expect(400);
    expect(body.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(body.body.errors).toEqual([{ field: 'items.0.label', message: 'must not contain a NUL character' }]);

    const query = await request(app.getHttpServer()).get('/notes?district=D%004').expect(400);
    expect(query.body.errors).toEqual([{ field: 'district', message: 'must not contain a NUL character' }]);
    expect(NotesController.received).toBe(before);
  });

  it('lets ordinary requests through', async () => {
    await request(app.getHttpServer()).post('/notes').send({ note: 'fine' }).expect(201);
    await request(app.getHttpServer()).get('/notes?district=D4').expect(200);
  });
});
