/** Retries an assertion until it passes or the time is up (one implementation, in the platform's test support). */
export { eventually } from '@hearth/platform/test-support';
