import type { OpenAPIObject } from '@nestjs/swagger';
import type { GatewayConfig } from '../config';
import { ROUTED_SERVICES, serviceUrls, type RoutedService } from './service-routes';

const CACHE_MS = 60_000;
const FETCH_TIMEOUT_MS = 3_000;

type Operation = { tags?: string[] } & Record<string, unknown>;

/**
 * One OpenAPI document for the whole platform at /docs: the gateway's own paths, and every
 * service's paths under /api/<service>, each service's schemas prefixed with its name so two
 * services' `PageDto`s do not collide. Services are read at most once a minute; one that does not
 * answer keeps its last document (or is listed as unavailable).
 */
export class PlatformDocs {
  private readonly cache = new Map<RoutedService, { document: OpenAPIObject; readAt: number }>();

  constructor(private readonly config: GatewayConfig) {}

  readonly merge = async (own: OpenAPIObject): Promise<OpenAPIObject> => {
    const merged: OpenAPIObject = structuredClone(own);
    merged.info = { ...own.info, title: 'Hearth platform API', description: `${own.info.description ?? ''}\n\nEvery service is reached through this gateway under /api/<service>.` };
    merged.components = { ...merged.components, schemas: { ...merged.components?.schemas } };
    merged.tags = [...(own.tags ?? [])];
    const missing: string[] = [];
    const documents = await Promise.all(ROUTED_SERVICES.map(async (service) => [service, await this.document(service)] as const));
    for (const [service, document] of documents) {
      if (!document) {
        missing.push(service);
        continue;
      }
      const renamed = JSON.parse(JSON.stringify(document).replace(/"#\/components\/schemas\/([^"]+)"/g, `"#/components/schemas/${service}_$1"`)) as OpenAPIObject;
      for (const [name, schema] of Object.entries(renamed.components?.schemas ?? {})) merged.components.schemas![`${service}_${name}`] = schema;
      for (const [path, item] of Object.entries(renamed.paths ?? {})) {
        for (const operation of Object.values(item) as Operation[]) {
          if (operation && typeof operation === 'object' && 'responses' in operation) operation.tags = (operation.tags ?? ['other']).map((tag) => `${service} · ${tag}`);
        }
        merged.paths[`/api/${service}${path}`] = item;
      }
      merged.tags.push({ name: service, description: document.info.description });
    }
    if (missing.length > 0) merged.info.description += `\n\nNot answering now, so not listed: ${missing.join(', ')}.`;
    return merged;
  };

  private async document(service: RoutedService): Promise<OpenAPIObject | undefined> {
    const cached = this.cache.get(service);
    if (cached && Date.now() - cached.readAt < CACHE_MS) return cached.document;
    try {
      const response = await fetch(`${serviceUrls(this.config)[service]}/docs-json`, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!response.ok) return cached?.document;
      const document = (await response.json()) as OpenAPIObject;
      this.cache.set(service, { document, readAt: Date.now() });
      return document;
    } catch {
      return cached?.document;
    }
  }
}
