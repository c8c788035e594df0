import { configureHttpApp } from '@hearth/platform';
import { randomBytes } from 'node:crypto';
import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { dropDatabase, TEST_DATABASE_SERVER_URL, uniqueDatabaseName } from './test-database';
import { TEST_AUTH_ENV } from '@hearth/auth/test-signing-key';
import { requiredBrokers } from './topic-reader';

/** Environment for a service under test: its own throw-away database, the shared test broker. */
export function testEnv(service: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: TEST_DATABASE_SERVER_URL,
    DATABASE_NAME: uniqueDatabaseName(service),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    KAFKA_BROKERS: requiredBrokers(),
    KAFKA_IDEMPOTENT: 'false',
    KAFKA_CONSUMER_GROUP: `${service}-${randomBytes(4).toString('hex')}`,
    BULLMQ_PREFIX: `test:${service}:${randomBytes(4).toString('hex')}`,
    ...TEST_AUTH_ENV,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Tests drive many writes (and refused tokens) from one address; the limits have tests of their own.
    RATE_LIMIT_WRITES: '1000000',
    RATE_LIMIT_AUTH_FAILURES: '1000000',
    ...extra,
  };
}

export interface TestApp {
  app: INestApplication;
  http: TestAgent;
  database: string;
  close(): Promise<void>;
}

/** Boots a service in-process over real PostgreSQL, Redis and the test broker. */
export async function startTestApp(module: DynamicModule, database: string): Promise<TestApp> {
  const app = await NestFactory.create(module, { logger: false, abortOnError: false });
  configureHttpApp(app, { title: 'test', description: 'test', version: '0' });
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    database,
    async close() {
      await app.close();
      await dropDatabase(database);
    },
  };
}
