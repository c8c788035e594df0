import 'reflect-metadata';
import { runService } from '@hearth/platform';
import { loadUnitsConfig } from './config';
import { UnitsModule } from './units.module';

async function bootstrap(): Promise<void> {
  const config = loadUnitsConfig();
  await runService(UnitsModule.forRoot(config), {
    port: config.PORT,
    title: 'Hearth units',
    description: 'Flats: their description, accessibility, rent and where each stands from draft to let.',
    version: '1',
  });
}

void bootstrap();
