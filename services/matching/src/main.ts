import 'reflect-metadata';
import { runService } from '@hearth/platform';
import { loadMatchingConfig } from './config';
import { MatchingModule } from './matching.module';

async function bootstrap(): Promise<void> {
  const config = loadMatchingConfig();
  await runService(MatchingModule.forRoot(config), {
    port: config.PORT,
    title: 'Hearth matching',
    description:
      'Shortlists of households for available units (explained by the engine), allocation runs with an auditable census, and offers from proposal to the household’s answer.',
    version: '1',
  });
}

void bootstrap();
