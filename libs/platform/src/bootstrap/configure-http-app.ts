import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { cleanupOpenApiDoc } from 'nestjs-zod';

export interface HttpAppDescription {
  title: string;
  description: string;
  version: string;
  /** Rewrites the document each time /docs is read (the gateway merges every service's into its own). */
  patchDocument?: (document: OpenAPIObject) => OpenAPIObject | Promise<OpenAPIObject>;
}

/**
 * Finishes an application whose module imports PlatformModule: pino as Nest's logger,
 * shutdown hooks, and OpenAPI at /docs (JSON at /docs-json). Call before listen()/init().
 */
export function configureHttpApp(
  app: INestApplication,
  { title, description, version, patchDocument }: HttpAppDescription,
  { shutdownHooks = true }: { shutdownHooks?: boolean } = {},
): INestApplication {
  app.useLogger(app.get(Logger));
  // runService handles the signals itself (a stop bounded in time).
  if (shutdownHooks) app.enableShutdownHooks();
  const config = new DocumentBuilder().setTitle(title).setDescription(description).setVersion(version).addBearerAuth().build();
  const document = cleanupOpenApiDoc(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    ...(patchDocument && { patchDocumentOnRequest: (_req: unknown, _res: unknown, original: OpenAPIObject) => patchDocument(original) }),
  });
  return app;
}
