import { SetMetadata } from '@nestjs/common';
import { ACCESS_POLICY_KEY, type AccessPolicy } from './access-policy';

/** Admits anyone, without a token. */
export function Public(): MethodDecorator & ClassDecorator {
  const policy: AccessPolicy = { kind: 'public' };
  return SetMetadata(ACCESS_POLICY_KEY, policy);
}
