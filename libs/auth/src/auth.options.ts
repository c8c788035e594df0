export interface AuthModuleOptions {
  /** Shared HS256 secret the gateway signs tokens with. */
  jwtSecret: string;
}

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');
