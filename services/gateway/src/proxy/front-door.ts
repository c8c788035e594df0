import { TOKEN_VERIFIER, TokenRejectedError, type TokenVerifier, bearerToken } from '@hearth/auth';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { MetricsService, withTimeout } from '@hearth/platform';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Agent, type ClientRequest, type IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { decodeJwt } from 'jose';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG, RATE_LIMITS } from '../gateway.tokens';
import { Sessions } from '../sessions/sessions';
import { sendProblem } from './problem';
import { ROUTED_SERVICES, serviceUrls } from './service-routes';

const CORRELATION_HEADER = 'x-correlation-id';
/** Paths the gateway answers itself; anything else that is a GET for a page falls back to the console. */
/** A path naming a file (`/assets/index-1a2b.js`, `/favicon.ico`) rather than a page of the console. */
const FILE_PATH = /\/[^/]+\.[A-Za-z0-9]+$/;
const OWN_PATHS = /^\/(api|auth|events|me|users|sign-in-events|signing-keys|docs|\.well-known|health|metrics)(\/|$|-)/;

/**
 * Everything in front of the gateway's own routes and the proxy, installed on the HTTP server when
 * the module is created (before Nest's body parsers, so proxied bodies stream untouched):
 * security headers with a strict Content-Security-Policy, CORS (closed unless CORS_ORIGINS lists
 * origins), request ids, rate limits per address and per user shared through Redis,
 * `/api/<service>/…` to each service, and the web console's built files at `/`.
 */
@Injectable()
export class FrontDoor implements OnApplicationShutdown {
  private readonly logger = new Logger('FrontDoor');
  /** Connections to the services kept open between requests (a new TCP connection per request costs latency). */
  private readonly agents: Agent[] = [];

  constructor(
    adapterHost: HttpAdapterHost,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(RATE_LIMITS) private readonly rateLimits: ThrottlerStorageRedisService,
    private readonly sessions: Sessions,
    private readonly metrics: MetricsService,
  ) {
    const app = adapterHost.httpAdapter.getInstance<express.Express>();
    app.disable('x-powered-by');
    app.set('trust proxy', config.TRUST_PROXY);
    app.use(this.securityHeaders());
    app.use((request: Request, response: Response, next: NextFunction) => this.cors(request, response, next));
    app.use((request: Request, response: Response, next: NextFunction) => {
      const id = typeof request.headers[CORRELATION_HEADER] === 'string' && request.headers[CORRELATION_HEADER] ? request.headers[CORRELATION_HEADER] : randomUUID();
      request.headers[CORRELATION_HEADER] = id;
      response.setHeader(CORRELATION_HEADER, id);
      next();
    });
    app.use('/api', (request: Request, response: Response, next: NextFunction) => this.observe(request, response, next));
    app.use((request: Request, response: Response, next: NextFunction) => void this.rateLimit(request, response, next));
    const urls = serviceUrls(config);
    for (const service of ROUTED_SERVICES) app.use(`/api/${service}`, this.proxyTo(service, urls[service]));
    app.use('/api', (request: Request, response: Response) =>
      sendProblem(request, response, 404, 'GATEWAY.UNKNOWN_SERVICE', `No service at ${request.originalUrl.split('?')[0]}; the services are ${ROUTED_SERVICES.join(', ')}`),
    );
    this.serveConsole(app);
  }

  /**
   * The gateway's security headers on every answer, its own and the services' alike: set on the way
   * in, and set again just before the headers leave (a proxied service's helmet, or the platform's
   * helmet installed after this one, would otherwise replace them with laxer defaults). No inline
   * script anywhere; inline styles only on /docs (Swagger UI needs them).
   */
  private securityHeaders() {
    const strict = helmet(this.helmetOptions(["'self'"]));
    const docs = helmet(this.helmetOptions(["'self'", "'unsafe-inline'"]));
    return (request: Request, response: Response, next: NextFunction) => {
      const headers = /^\/docs(-json)?(\/|$)/.test(request.path) ? docs : strict;
      const writeHead = response.writeHead;
      response.writeHead = function (this: Response, ...args: unknown[]) {
        headers(request, response, () => undefined);
        return (writeHead as (...all: unknown[]) => Response).apply(this, args);
      } as typeof response.writeHead;
      headers(request, response, next);
    };
  }

  private helmetOptions(styleSrc: string[]): Parameters<typeof helmet>[0] {
    return {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          scriptSrcAttr: ["'none'"],
          styleSrc,
          // blob: for images the console fetched with the token and shows from memory (an
          // inspection's photos; decision 0017): only a script of this origin can make one.
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      xFrameOptions: { action: 'deny' },
    };
  }

  onApplicationShutdown(): void {
    for (const agent of this.agents) agent.destroy();
  }

  /**
   * What passes through the front door is timed and logged like the gateway's own routes: the
   * `http_request_duration_seconds` histogram labelled `/api/<service>`, and one log line per
   * request (path without its query, status, duration, correlation id), warn for 4xx, error for 5xx.
   */
  private observe(request: Request, response: Response, next: NextFunction): void {
    const service = request.path.split('/')[1];
    const route = (ROUTED_SERVICES as readonly string[]).includes(service) ? `/api/${service}` : '/api/unknown';
    const stopTimer = this.metrics.httpRequestDuration.startTimer();
    const started = process.hrtime.bigint();
    response.once('close', () => {
      const status = response.writableFinished ? response.statusCode : 499;
      stopTimer({ method: request.method, route, status_code: status });
      const line = { route, method: request.method, path: request.originalUrl.split('?')[0], status, ms: Number(process.hrtime.bigint() - started) / 1e6, correlationId: request.headers[CORRELATION_HEADER] };
      if (status >= 500) this.logger.error(line, 'proxied request');
      else if (status >= 400) this.logger.warn(line, 'proxied request');
      else this.logger.log(line, 'proxied request');
    });
    next();
  }

  /** Closed by default: no Access-Control-Allow-Origin unless the origin is listed in CORS_ORIGINS. */
  private cors(request: Request, response: Response, next: NextFunction): void {
    const origin = request.headers.origin;
    const allowed = origin !== undefined && this.config.CORS_ORIGINS.includes(origin);
    if (allowed) {
      response.setHeader('Access-Control-Allow-Origin', origin);
      response.setHeader('Access-Control-Allow-Credentials', 'true');
      response.setHeader('Access-Control-Expose-Headers', 'x-correlation-id, retry-after');
    }
    response.vary('Origin');
    if (request.method !== 'OPTIONS' || !request.headers['access-control-request-method']) return next();
    if (!allowed) return sendProblem(request, response, 403, 'GATEWAY.CORS_ORIGIN_REFUSED', 'This origin may not call the API from a browser');
    response.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
    response.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, idempotency-key, x-correlation-id');
    response.setHeader('Access-Control-Max-Age', '600');
    response.status(204).end();
  }

  /**
   * RATE_LIMIT_PER_ADDRESS requests per window from one address, and RATE_LIMIT_PER_USER per
   * signed-in user (whatever address they come from), counted in Redis so every instance shares
   * them. A bearer token sent to /api is checked here too: a forged or revoked token never reaches
   * a service. The revocation check and the counts go to Redis together (one round trip's wait).
   * Redis not answering lets requests through (logged): the services still check tokens.
   */
  private async rateLimit(request: Request, response: Response, next: NextFunction): Promise<void> {
    const windowMs = this.config.RATE_LIMIT_WINDOW_MS;
    let caller: { userId: string; sessionId?: string; issuedAt: number } | undefined;
    const token = bearerToken(request);
    if (token && request.path.startsWith('/api/')) {
      try {
        const userId = (await this.verifier.verify(token)).id;
        const { sid, iat } = decodeJwt(token);
        caller = { userId, sessionId: typeof sid === 'string' ? sid : undefined, issuedAt: iat ?? 0 };
      } catch (error) {
        if (error instanceof TokenRejectedError) return sendProblem(request, response, 401, 'AUTH.UNAUTHENTICATED', error.message);
        this.logger.warn({ err: error }, 'token check at the front door failed; left to the service');
      }
    }
    try {
      const counts = [this.rateLimits.increment(`${this.config.BULLMQ_PREFIX}:address:${request.ip}`, windowMs, this.config.RATE_LIMIT_PER_ADDRESS, windowMs, 'address')];
      if (caller) counts.push(this.rateLimits.increment(`${this.config.BULLMQ_PREFIX}:user:${caller.userId}`, windowMs, this.config.RATE_LIMIT_PER_USER, windowMs, 'user'));
      const revocation = caller ? this.sessions.isRevoked(caller.userId, caller.sessionId, caller.issuedAt) : Promise.resolve(false);
      const [revoked, results] = await withTimeout(Promise.all([revocation, Promise.all(counts)]), 1_000, 'Redis (front door)');
      if (revoked) return sendProblem(request, response, 401, 'AUTH.UNAUTHENTICATED', 'This session has been signed out');
      const blocked = results.find((result) => result.isBlocked);
      if (blocked) {
        const retryAfter = Math.max(1, Math.ceil(blocked.timeToBlockExpire));
        response.setHeader('Retry-After', String(retryAfter));
        return sendProblem(request, response, 429, 'GATEWAY.RATE_LIMITED', 'Too many requests; slow down', { retryAfterSeconds: retryAfter });
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'rate limits and revocations not checked (Redis unavailable); the services still check tokens');
    }
    next();
  }

  /**
   * `/api/<service>/…` streamed to the service, both ways, with the caller's headers (its token and
   * the request id among them) and X-Forwarded-For. When the service fails: not reachable → 503,
   * no answer within PROXY_TIMEOUT_MS → 504, connection broken before an answer → 502, all
   * problem+json; broken after the answer has started → the caller's connection is cut too.
   */
  private proxyTo(service: string, target: string) {
    const timedOut = new WeakSet<IncomingMessage>();
    const agent = new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 });
    this.agents.push(agent);
    return createProxyMiddleware<Request, Response>({
      target,
      agent,
      changeOrigin: false,
      xfwd: true,
      proxyTimeout: this.config.PROXY_TIMEOUT_MS,
      // The caller's connection may idle while the service thinks: cut it only after the service's
      // time is up and the 504 has been sent (equal timeouts would race and drop the 504).
      timeout: this.config.PROXY_TIMEOUT_MS + 5_000,
      on: {
        proxyReq: (proxyRequest: ClientRequest, request: IncomingMessage) => {
          proxyRequest.once('timeout', () => timedOut.add(request));
          this.limitBody(request as Request, proxyRequest);
        },
        error: (error, request, response) => {
          if (!('status' in response)) return (response as unknown as { destroy(): void }).destroy();
          // Already answered (a body over the limit, 413) or part-way through a streamed answer.
          if (response.headersSent) return void (response.writableEnded || response.destroy());
          const code = (error as NodeJS.ErrnoException).code ?? '';
          if (timedOut.has(request) || code === 'ETIMEDOUT') {
            return sendProblem(request as Request, response, 504, 'GATEWAY.SERVICE_TIMEOUT', `${service} did not answer within ${this.config.PROXY_TIMEOUT_MS} ms`);
          }
          if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'].includes(code)) {
            return sendProblem(request as Request, response, 503, 'SERVICE_UNAVAILABLE', `${service} is not reachable for the moment; retry in a few seconds`);
          }
          this.logger.warn({ service, code }, 'a service broke the connection before answering');
          sendProblem(request as Request, response, 502, 'GATEWAY.BAD_SERVICE_RESPONSE', `${service} broke off without a valid answer; retry in a few seconds`);
        },
      },
    });
  }

  /** Refuses bodies over PROXY_BODY_LIMIT_BYTES, by their announced length or as they stream. */
  private limitBody(request: Request, proxyRequest: ClientRequest): void {
    const limit = this.config.PROXY_BODY_LIMIT_BYTES;
    const refuse = () => {
      proxyRequest.destroy();
      sendProblem(request, request.res!, 413, 'PAYLOAD_TOO_LARGE', `Request bodies are limited to ${limit} bytes`);
    };
    if (Number(request.headers['content-length'] ?? 0) > limit) return refuse();
    let received = 0;
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        request.unpipe();
        refuse();
      }
    });
  }

  /** The web console (built into CONSOLE_DIST by its own project) at /, with its pages' paths falling back to index.html. */
  private serveConsole(app: express.Express): void {
    const dist = resolve(this.config.CONSOLE_DIST);
    if (!existsSync(resolve(dist, 'index.html'))) {
      this.logger.log(`no web console at ${dist}; / answers 404 until it is built`);
      return;
    }
    app.use(express.static(dist, { index: 'index.html', maxAge: '1h' }));
    app.get(/.*/, (request: Request, response: Response, next: NextFunction) => {
      // A file that is not there (a stale script after a deployment) is a 404, not the page.
      if (OWN_PATHS.test(request.path) || FILE_PATH.test(request.path) || !request.accepts('html')) return next();
      response.sendFile(resolve(dist, 'index.html'));
    });
  }
}
