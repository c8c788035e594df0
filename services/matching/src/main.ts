import 'reflect-metadata';
import { configureHttpApp } from '@hearth/platform';
import { NestFactory } from '@nestjs/core';
import { loadMatchingConfig } from './config';
import { MatchingModule } from './matching.module';

async function bootstrap(): Promise<void> {
  const config = loadMatchingConfig();
  const app = await NestFactory.create(MatchingModule.forRoot(config), { bufferLogs: true });
  configureHttpApp(app, {
    title: 'Hearth matching',
    description:
      'Shortlists of households for available units (explained by the engine), allocation runs with an auditable census, and offers from proposal to the household’s answer.',
    version: '1',
  });
  await app.listen(config.PORT, '0.0.0.0');
}

void bootstrap();
