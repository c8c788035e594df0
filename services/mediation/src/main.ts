import 'reflect-metadata';
import { runService } from '@hearth/platform';
import { loadMediationConfig } from './config';
import { MediationModule } from './mediation.module';

async function bootstrap(): Promise<void> {
  const config = loadMediationConfig();
  await runService(MediationModule.forRoot(config), {
    port: config.PORT,
    title: 'Hearth mediation',
    description:
      'Tenancy sustainment: neighbours prepared before a move and met after it, complaints handled within the deadlines of a complaint-handling code, case reviews, and the tenancy-at-risk signal. Neighbours’ personal data is encrypted at rest and never in events or logs.',
    version: '1',
  });
}

void bootstrap();
