import 'reflect-metadata';
import { runService } from '@hearth/platform';
import { loadLandlordsConfig } from './config';
import { LandlordsModule } from './landlords.module';

async function bootstrap(): Promise<void> {
  const config = loadLandlordsConfig();
  await runService(LandlordsModule.forRoot(config), {
    port: config.PORT,
    title: 'Hearth landlords',
    description: 'Owners who let flats through the agency, and their agreements (scheme, guarantees, renovation loans).',
    version: '1',
  });
}

void bootstrap();
