import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { PROBLEM_CONTENT_TYPE, problemType } from '../errors/problem-details';
import { presentsToken } from '../security/access-token';
import { HTTP_SECURITY, type HttpSecurity } from '../security/http-security';
import { httpSecuritySettings } from '../security/http-security.config';

export interface HttpAppDescription {
  title: string;
  description: string;
  version: string;
  /** Rewrites the document each time /docs is read (the gateway merges every service's into its own). */
  patchDocument?: (document: OpenAPIObject) => OpenAPIObject | Promise<OpenAPIObject>;
}

/**
 * Finishes an application whose module imports PlatformModule: pino as Nest's logger, shutdown
 * hooks, security headers (helmet), a body size limit, CORS only for the configured origins, and
 * OpenAPI at /docs (JSON at /docs-json) unless disabled or behind DOCS_TOKEN. Call before
 * listen()/init().
 */
export function configureHttpApp(
  app: INestApplication,
  { title, description, version, patchDocument }: HttpAppDescription,
  { shutdownHooks = true }: { shutdownHooks?: boolean } = {},
): INestApplication {
  const security = securityOf(app);
  const express = app as NestExpressApplication;
  app.useLogger(app.get(Logger));
  // runService handles the signals itself (a stop bounded in time).
  if (shutdownHooks) app.enableShutdownHooks();
  if (security.TRUST_PROXY !== undefined) express.set('trust proxy', trustProxy(security.TRUST_PROXY));
  // Services speak plain HTTP behind whatever terminates TLS: asking browsers to upgrade every
  // request would break /docs on a development machine.
  express.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  // Registered before init(), so Nest's own parsers (100 kB) are not added.
  express.useBodyParser('json', { limit: `${security.HTTP_BODY_LIMIT_KB}kb` });
  express.useBodyParser('urlencoded', { limit: `${security.HTTP_BODY_LIMIT_KB}kb`, extended: true });
  express.use(withoutQuotedBody);
  if (security.CORS_ORIGINS.length > 0) {
    app.enableCors({
      origin: security.CORS_ORIGINS,
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Correlation-Id', 'X-Access-Purpose'],
      exposedHeaders: ['X-Correlation-Id', 'Retry-After', 'Location'],
      maxAge: 600,
    });
  }
  if (security.DOCS_ENABLED) {
    if (security.DOCS_TOKEN !== undefined) express.use(['/docs', '/docs-json'], requireToken(security.DOCS_TOKEN, 'Hearth API docs'));
    const config = new DocumentBuilder().setTitle(title).setDescription(description).setVersion(version).addBearerAuth().build();
    const document = cleanupOpenApiDoc(SwaggerModule.createDocument(app, config));
    SwaggerModule.setup('docs', app, document, {
      jsonDocumentUrl: 'docs-json',
      ...(patchDocument && { patchDocumentOnRequest: (_req: unknown, _res: unknown, original: OpenAPIObject) => patchDocument(original) }),
    });
  }
  return app;
}

/**
 * JSON.parse's message quotes the body it choked on (`Unexpected token 'a', "{"name": "Ann…" is not
 * valid JSON`), which would be echoed in the 400 and logged: replaced before Nest maps it to a 400.
 */
function withoutQuotedBody(error: unknown, _req: IncomingMessage, _res: ServerResponse, next: (error?: unknown) => void): void {
  if ((error as { type?: unknown } | undefined)?.type !== 'entity.parse.failed') return next(error);
  next(Object.assign(new SyntaxError('The request body is not valid JSON'), { status: 400, expose: true, type: 'entity.parse.failed' }));
}

function securityOf(app: INestApplication): HttpSecurity {
  try {
    return app.get<HttpSecurity>(HTTP_SECURITY, { strict: false });
  } catch {
    return httpSecuritySettings();
  }
}

/** `true`/`false`, a number of hops, or addresses and subnets as Express reads them. */
function trustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** Swagger's routes are plain Express routes, outside Nest's guards: gate them at the Express level. */
function requireToken(token: string, realm: string) {
  return (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, next: () => void): void => {
    if (presentsToken(req, token)) return next();
    res.statusCode = 401;
    res.setHeader('WWW-Authenticate', `Basic realm="${realm}"`);
    res.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    res.end(
      JSON.stringify({
        type: problemType('AUTH.UNAUTHENTICATED'),
        title: 'Unauthorized',
        status: 401,
        detail: 'The API documents need the docs token',
        code: 'AUTH.UNAUTHENTICATED',
        instance: (req.originalUrl ?? req.url ?? '').split('?')[0],
      }),
    );
  };
}
