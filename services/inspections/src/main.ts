import 'reflect-metadata';
import { configureHttpApp } from '@hearth/platform';
import { NestFactory } from '@nestjs/core';
import { loadInspectionsConfig } from './config';
import { InspectionsModule } from './inspections.module';

async function bootstrap(): Promise<void> {
  const config = loadInspectionsConfig();
  const app = await NestFactory.create(InspectionsModule.forRoot(config), { bufferLogs: true });
  configureHttpApp(app, {
    title: 'Hearth inspections',
    description: 'Habitability inspections of flats: requests, inspectors’ agendas, checklists, deficiencies, repair deadlines and re-inspections.',
    version: '1',
  });
  await app.listen(config.PORT, '0.0.0.0');
}

void bootstrap();
