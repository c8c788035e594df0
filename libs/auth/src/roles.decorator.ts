import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ACCESS_POLICY_KEY, type AccessPolicy } from './access-policy';
import type { Role } from './role';

/** Admits callers with a valid token and one of these roles (on a handler or a controller). */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  const policy: AccessPolicy = { kind: 'roles', roles };
  return applyDecorators(
    SetMetadata(ACCESS_POLICY_KEY, policy),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing, invalid or expired bearer token' }),
    ApiForbiddenResponse({ description: `Requires one of the roles: ${roles.join(', ')}` }),
  );
}
