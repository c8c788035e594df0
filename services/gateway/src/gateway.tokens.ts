/** The gateway's validated configuration, injectable where a use case needs a setting. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
export const REDIS = Symbol('REDIS');
export const RATE_LIMITS = Symbol('RATE_LIMITS');
