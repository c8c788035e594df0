import { Global, Module, type INestApplication } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import request from 'supertest';
import { createPlatformApp } from '../test-support/create-platform-app';
import { HealthModule } from './health.module';
import { KAFKA_HEALTH_PROBE, type KafkaHealthProbe } from './kafka-health.probe';

function kafkaProbeModule(healthy: boolean) {
  @Global()
  @Module({
    providers: [{ provide: KAFKA_HEALTH_PROBE, useValue: { isHealthy: async () => healthy } satisfies KafkaHealthProbe }],
    exports: [KAFKA_HEALTH_PROBE],
  })
  class KafkaProbeModule {}
  return KafkaProbeModule;
}

// Uses the local PostgreSQL and Redis servers.
describe('HealthModule', () => {
  let app: INestApplication | undefined;

  afterEach(() => app?.close());

  it('reports 200 when the database, Redis and Kafka are up', async () => {
    ({ app } = await createPlatformApp(
      [],
      [
        TypeOrmModule.forRoot({ type: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/postgres', retryAttempts: 0 }),
        kafkaProbeModule(true),
        HealthModule.forRoot({ redisUrl: 'redis://127.0.0.1:6379' }),
      ],
    ));

    const response = await request(app.getHttpServer()).get('/health');

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' }, kafka: { status: 'up' } },
    });
  });

  it('reports 503 naming the dependencies that are down', async () => {
    ({ app } = await createPlatformApp(
      [],
      [kafkaProbeModule(false), HealthModule.forRoot({ database: false, redisUrl: 'redis://127.0.0.1:1', timeoutMs: 300 })],
    ));

    const response = await request(app.getHttpServer()).get('/health');

    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({
      status: 'error',
      error: { redis: { status: 'down' }, kafka: { status: 'down', message: 'reported unhealthy' } },
    });
    expect(response.body.info).toEqual({});
  });
});
