import 'reflect-metadata';
import { runService } from '@hearth/platform';
import { loadInspectionsConfig } from './config';
import { InspectionsModule } from './inspections.module';

async function bootstrap(): Promise<void> {
  const config = loadInspectionsConfig();
  await runService(InspectionsModule.forRoot(config), {
    port: config.PORT,
    title: 'Hearth inspections',
    description: 'Habitability inspections of flats: requests, inspectors’ agendas, checklists, deficiencies, repair deadlines and re-inspections.',
    version: '1',
  });
}

void bootstrap();
