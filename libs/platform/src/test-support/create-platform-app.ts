import { Module, type INestApplication, type ModuleMetadata, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configureHttpApp } from '../bootstrap/configure-http-app';
import { PlatformModule } from '../bootstrap/platform.module';
import type { BaseConfig } from '../config/base-config.schema';

export interface PlatformTestApp {
  app: INestApplication;
  /** Every JSON log line the app wrote. */
  logs: Record<string, unknown>[];
}

/** A tiny service (PlatformModule + the given controllers) configured like a real one, for specs. */
export async function createPlatformApp(
  controllers: Type[],
  imports: ModuleMetadata['imports'] = [],
  config: Partial<BaseConfig> = {},
): Promise<PlatformTestApp> {
  const logs: Record<string, unknown>[] = [];
  const logDestination = { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) };

  @Module({ imports: [PlatformModule.forRoot({ service: 'test', config, logLevel: 'debug', logDestination }), ...imports], controllers })
  class TestAppModule {}

  const app = await NestFactory.create(TestAppModule, { logger: false, abortOnError: false });
  configureHttpApp(app, { title: 'Test service', description: 'A service under test', version: '1' });
  await app.init();
  return { app, logs };
}
