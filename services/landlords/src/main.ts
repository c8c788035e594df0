import 'reflect-metadata';
import { configureHttpApp } from '@hearth/platform';
import { NestFactory } from '@nestjs/core';
import { loadLandlordsConfig } from './config';
import { LandlordsModule } from './landlords.module';

async function bootstrap(): Promise<void> {
  const config = loadLandlordsConfig();
  const app = await NestFactory.create(LandlordsModule.forRoot(config), { bufferLogs: true });
  configureHttpApp(app, {
    title: 'Hearth landlords',
    description: 'Owners who let flats through the agency, and their agreements (scheme, guarantees, renovation loans).',
    version: '1',
  });
  await app.listen(config.PORT, '0.0.0.0');
}

void bootstrap();
