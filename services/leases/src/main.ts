import 'reflect-metadata';
import { runService } from '@hearth/platform';
import { loadLeasesConfig } from './config';
import { LeasesModule } from './leases.module';

async function bootstrap(): Promise<void> {
  const config = loadLeasesConfig();
  await runService(LeasesModule.forRoot(config), {
    port: config.PORT,
    title: 'Hearth leases',
    description: 'Head leases and mandates per flat, tenancies per household, the tenant’s rent ledger and what the agency owes the owner.',
    version: '1',
  });
}

void bootstrap();
