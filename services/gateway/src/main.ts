import 'reflect-metadata';
import { runService } from '@hearth/platform';
import { loadGatewayConfig } from './config';
import { GatewayModule } from './gateway.module';
import { PlatformDocs } from './proxy/platform-docs';

async function bootstrap(): Promise<void> {
  const config = loadGatewayConfig();
  await runService(GatewayModule.forRoot(config), {
    port: config.PORT,
    title: 'Hearth gateway',
    description: 'Sign-in, users and roles, token signing (JWKS), and the one front door to every service.',
    version: '1',
    patchDocument: new PlatformDocs(config).merge,
  });
}

void bootstrap();
