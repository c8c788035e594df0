import type { HttpSecurityConfig } from './http-security.config';

/** The service's HttpSecurityConfig, provided by PlatformModule for configureHttpApp, the rate limits and /metrics. */
export const HTTP_SECURITY = Symbol('HTTP_SECURITY');

export type HttpSecurity = HttpSecurityConfig;
