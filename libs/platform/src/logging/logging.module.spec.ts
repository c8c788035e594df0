import { setTimeout as sleep } from 'node:timers/promises';
import { Controller, Get, Logger, type INestApplication } from '@nestjs/common';
import { Public } from '@hearth/auth';
import request from 'supertest';
import { createPlatformApp } from '../test-support/create-platform-app';
import { currentCorrelationId } from './correlation.context';

@Controller('probe')
@Public()
class ProbeController {
  private readonly logger = new Logger(ProbeController.name);

  @Get()
  async probe() {
    await sleep(5);
    this.logger.log('deep inside the request');
    return { correlationId: currentCorrelationId() };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('LoggingModule', () => {
  let app: INestApplication;
  let logs: Record<string, unknown>[];

  beforeAll(async () => {
    ({ app, logs } = await createPlatformApp([ProbeController]));
  });

  afterAll(() => app.close());

  it('keeps the caller’s correlation id: echoed, readable in the handler, on every log line', async () => {
    const response = await request(app.getHttpServer()).get('/probe').set('x-correlation-id', 'req-42');

    expect(response.headers['x-correlation-id']).toBe('req-42');
    expect(response.body).toEqual({ correlationId: 'req-42' });
    const requestLines = logs.filter((line) => line['correlationId'] === 'req-42');
    expect(requestLines.map((line) => line['msg'])).toEqual(['deep inside the request', 'request completed']);
    expect(requestLines.every((line) => line['service'] === 'test')).toBe(true);
  });

  it('gives a request without one a new UUID', async () => {
    const response = await request(app.getHttpServer()).get('/probe');

    expect(response.headers['x-correlation-id']).toMatch(UUID);
    expect(response.body.correlationId).toBe(response.headers['x-correlation-id']);
  });

  it('replaces a correlation id that could forge log lines', async () => {
    const response = await request(app.getHttpServer()).get('/probe').set('x-correlation-id', 'x"} {"level":60');

    expect(response.headers['x-correlation-id']).toMatch(UUID);
  });

  it('redacts credentials from request logs', async () => {
    await request(app.getHttpServer()).get('/probe').set('x-correlation-id', 'req-secret').auth('token-value', { type: 'bearer' }).set('Cookie', 'session=abc');

    const completed = logs.find((line) => line['correlationId'] === 'req-secret' && line['msg'] === 'request completed');
    expect(completed).toMatchObject({ req: { headers: { authorization: '[Redacted]', cookie: '[Redacted]' } } });
    expect(JSON.stringify(logs)).not.toContain('token-value');
  });

  it('does not log requests to /health and /metrics', async () => {
    await request(app.getHttpServer()).get('/metrics').set('x-correlation-id', 'req-scrape').expect(200);

    expect(logs.filter((line) => line['correlationId'] === 'req-scrape')).toEqual([]);
  });
});
