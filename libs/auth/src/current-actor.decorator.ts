import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from './actor';
import type { AuthenticatedRequest } from './authenticated-request';

/** The actor authenticated by JwtAuthGuard; only usable on @Roles routes. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const { actor } = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!actor) {
    throw new Error('@CurrentActor() used on a route that does not authenticate (missing @Roles)');
  }
  return actor;
});
