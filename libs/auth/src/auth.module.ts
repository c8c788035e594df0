import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, ModuleRef } from '@nestjs/core';
import type { JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from './auth-config.schema';
import { TOKEN_VERIFIER, type AuthModuleOptions, type OwnKeySource } from './auth.options';
import { JwtAuthGuard } from './jwt-auth.guard';
import { TokenVerifier } from './token-verifier';
import { trustedIssuers } from './trusted-issuer';

/**
 * Registers JwtAuthGuard for every route of the application. Takes the service's configuration
 * (every service's config includes the AUTH_* variables): `AuthModule.forRoot(config)`.
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(config: AuthConfig, options: AuthModuleOptions = {}): DynamicModule {
    let moduleRef: ModuleRef | undefined;
    let ownKeys: OwnKeySource | undefined;
    // Looked up at the first token, once every provider is constructed.
    const source = options.ownKeys;
    const resolveOwnKey: JWTVerifyGetKey | undefined = source
      ? (header, token) => {
          ownKeys ??= moduleRef!.get(source, { strict: false }) as OwnKeySource;
          return ownKeys.verificationKey(header, token);
        }
      : undefined;
    // Built here, so a bad AUTH_* combination stops the service at start-up. The gateway, which
    // withdraws its own keys, checks every token's signature (nothing remembered).
    const rememberSeconds = resolveOwnKey ? 0 : config.AUTH_VERIFIED_TOKEN_CACHE;
    const verifier = new TokenVerifier(trustedIssuers(config, resolveOwnKey), config.AUTH_CLOCK_TOLERANCE, rememberSeconds);
    return {
      module: AuthModule,
      providers: [
        {
          provide: TOKEN_VERIFIER,
          useFactory: (ref: ModuleRef) => {
            moduleRef = ref;
            return verifier;
          },
          inject: [ModuleRef],
        },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
      ],
      exports: [TOKEN_VERIFIER],
    };
  }
}
