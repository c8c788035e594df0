/** The part of autocannon (which ships no types) that bench:gateway uses. */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  interface Options {
    url: string;
    method?: 'GET' | 'POST';
    connections?: number;
    overallRate?: number;
    duration?: number;
    headers?: Record<string, string>;
    body?: string;
    setupClient?: (client: { setBody(body: string): void }) => void;
  }

  interface Result {
    non2xx: number;
    errors: number;
    timeouts: number;
  }

  type Instance = EventEmitter & PromiseLike<Result>;

  function autocannon(options: Options): Instance;
  export default autocannon;
}
