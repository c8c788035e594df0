import 'reflect-metadata';
import { configureHttpApp } from '@hearth/platform';
import { NestFactory } from '@nestjs/core';
import { loadUnitsConfig } from './config';
import { UnitsModule } from './units.module';

async function bootstrap(): Promise<void> {
  const config = loadUnitsConfig();
  const app = await NestFactory.create(UnitsModule.forRoot(config), { bufferLogs: true });
  configureHttpApp(app, {
    title: 'Hearth units',
    description: 'Flats: their description, accessibility, rent and where each stands from draft to let.',
    version: '1',
  });
  await app.listen(config.PORT, '0.0.0.0');
}

void bootstrap();
