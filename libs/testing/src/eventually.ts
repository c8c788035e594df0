/** Retries an assertion until it passes or the time is up (one implementation, in the platform's test support). */
export { eventually } from '@hearth/platform/test-support';

/** Waits a little while and checks that something has still not happened. */
export async function stillTrueAfter(assertion: () => Promise<void> | void, waitMs = 1_500): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  await assertion();
}
