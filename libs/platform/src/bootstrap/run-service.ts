import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configureHttpApp, type HttpAppDescription } from './configure-http-app';

export interface RunServiceOptions extends HttpAppDescription {
  port: number;
  /** Longest a graceful stop may take before the process exits anyway; 9 s by default. */
  shutdownTimeoutMs?: number;
}

/**
 * Starts a service as its own process and stops it on SIGTERM/SIGINT in order: intake first
 * (consumers, relay, workers and sweeps in `beforeApplicationShutdown`, then the HTTP server),
 * in-flight work finished, connections closed last. Whatever hangs (a broker that died first, a
 * database that does not answer), the process exits within `shutdownTimeoutMs`; a second signal
 * exits at once.
 */
export async function runService(module: DynamicModule, options: RunServiceOptions): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bufferLogs: true });
  configureHttpApp(app, options, { shutdownHooks: false });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1); // a second signal: now
    stopping = true;
    const deadline = setTimeout(() => {
      process.stderr.write(`${options.title}: graceful stop took over ${options.shutdownTimeoutMs ?? 9_000} ms after ${signal}; exiting\n`);
      process.exit(1);
    }, options.shutdownTimeoutMs ?? 9_000);
    deadline.unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Started by `npm start` or a test: stop when the parent goes away, even if it was killed.
  if (process.env.HEARTH_STOP_WITH_PARENT === 'true') {
    const parentGone = () => void (stopping || stop('SIGTERM'));
    process.stdin.on('close', parentGone);
    process.stdin.on('end', parentGone);
    process.stdin.resume();
  }
  await app.listen(options.port, '0.0.0.0');
  return app;
}
