import 'reflect-metadata';
import { configureHttpApp } from '@hearth/platform';
import { NestFactory } from '@nestjs/core';
import { ApplicantsModule } from './applicants.module';
import { loadApplicantsConfig } from './config';

async function bootstrap(): Promise<void> {
  const config = loadApplicantsConfig();
  const app = await NestFactory.create(ApplicantsModule.forRoot(config), { bufferLogs: true });
  configureHttpApp(app, {
    title: 'Hearth applicants',
    description:
      'Households, consent, needs, priority assessments, the waitlist and pseudonymised board review. Personal data is encrypted at rest, never in events or logs, and every read of it is logged with its purpose.',
    version: '1',
  });
  await app.listen(config.PORT, '0.0.0.0');
}

void bootstrap();
