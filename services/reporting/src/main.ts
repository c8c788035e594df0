import 'reflect-metadata';
import { runService } from '@hearth/platform';
import { loadReportingConfig } from './config';
import { ReportingModule } from './reporting.module';

async function bootstrap(): Promise<void> {
  const config = loadReportingConfig();
  await runService(ReportingModule.forRoot(config), {
    port: config.PORT,
    title: 'Hearth reporting',
    description:
      'Outcome indicators for boards, funders and owners (time to house, vacancy, offers, allocation runs), defined in docs/indicators.md, as of any past date, with daily snapshots and CSV exports. Read models only: no personal data.',
    version: '1',
  });
}

void bootstrap();
