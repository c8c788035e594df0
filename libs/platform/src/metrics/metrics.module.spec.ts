import { Controller, Get, Param, type INestApplication } from '@nestjs/common';
import { Public } from '@hearth/auth';
import { Counter } from 'prom-client';
import request from 'supertest';
import { createPlatformApp } from '../test-support/create-platform-app';
import { MetricsService } from './metrics.service';

@Controller('units')
@Public()
class UnitsController {
  @Get(':id')
  get(@Param('id') id: string) {
    return { id };
  }
}

describe('MetricsModule', () => {
  let app: INestApplication;

  beforeAll(async () => {
    ({ app } = await createPlatformApp([UnitsController]));
  });

  afterAll(() => app.close());

  it('serves default and HTTP metrics in Prometheus text format, labelled by route pattern', async () => {
    await request(app.getHttpServer()).get('/units/u-1').expect(200);
    await request(app.getHttpServer()).get('/units/u-2').expect(200);
    await request(app.getHttpServer()).get('/nowhere').expect(404);

    const response = await request(app.getHttpServer()).get('/metrics');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(response.text).toContain('hearth_process_cpu_user_seconds_total');
    expect(response.text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(response.text).toContain('http_request_duration_seconds_count{service="test",method="GET",route="/units/:id",status_code="200"} 2');
    expect(response.text).toContain('http_request_duration_seconds_count{service="test",method="GET",route="unmatched",status_code="404"} 1');
    expect(response.text).not.toContain('u-1');
  });

  it('lets other libs register a metric once and find it again', () => {
    const metrics = app.get(MetricsService);

    const published = metrics.counter({ name: 'hearth_events_published_total', help: 'Events published', labelNames: ['topic'] });

    expect(published).toBeInstanceOf(Counter);
    expect(metrics.counter({ name: 'hearth_events_published_total', help: 'Events published', labelNames: ['topic'] })).toBe(published);
    expect(() => metrics.gauge({ name: 'hearth_events_published_total', help: 'clash' })).toThrow(/another type/);
  });

  it('gives each application its own registry, so several can run in one process', async () => {
    const second = await createPlatformApp([UnitsController]);

    await request(second.app.getHttpServer()).get('/metrics').expect(200);
    expect(second.app.get(MetricsService).registry).not.toBe(app.get(MetricsService).registry);
    await second.app.close();
  });
});
