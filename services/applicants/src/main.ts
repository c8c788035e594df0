import 'reflect-metadata';
import { runService } from '@hearth/platform';
import { ApplicantsModule } from './applicants.module';
import { loadApplicantsConfig } from './config';

async function bootstrap(): Promise<void> {
  const config = loadApplicantsConfig();
  await runService(ApplicantsModule.forRoot(config), {
    port: config.PORT,
    title: 'Hearth applicants',
    description:
      'Households, consent, needs, priority assessments, the waitlist and pseudonymised board review. Personal data is encrypted at rest, never in events or logs, and every read of it is logged with its purpose.',
    version: '1',
  });
}

void bootstrap();
