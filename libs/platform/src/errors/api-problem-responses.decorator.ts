import { RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { PROBLEM_CONTENT_TYPE } from './problem-details';

/** @nestjs/swagger's metadata key of @ApiResponse (DECORATORS.API_RESPONSE, not exported). */
const API_RESPONSE = 'swagger/apiResponse';

/** The body of every error answer (RFC 9457, see ProblemDetailsFilter), as OpenAPI describes it. */
export const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code', 'instance', 'correlationId'],
  properties: {
    type: { type: 'string', format: 'uri', example: 'https://hearth.dev/problems/validation-failed' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string', example: 'rent: must be at most 100000' },
    code: { type: 'string', description: 'Stable machine-readable code, e.g. VALIDATION_FAILED, UNIT.NOT_FOUND, CONCURRENCY.STALE', example: 'VALIDATION_FAILED' },
    instance: { type: 'string', example: '/units' },
    correlationId: { type: 'string', description: 'Quote it when reporting a problem' },
    errors: {
      type: 'array',
      description: 'For VALIDATION_FAILED: every field at fault',
      items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string', example: 'rent' }, message: { type: 'string' } } },
    },
  },
} as const;

const PROBLEM_CONTENT = { [PROBLEM_CONTENT_TYPE]: { schema: PROBLEM_SCHEMA } };

const DESCRIPTIONS: Record<number, string> = {
  400: 'VALIDATION_FAILED: bad input; `errors` names every field at fault. Nothing was written or published.',
  401: 'AUTH.UNAUTHENTICATED: no valid access token',
  403: 'AUTH.FORBIDDEN: the caller’s role may not do this',
  404: 'Not found, or someone else’s record',
  409: 'The record’s state or version does not allow it (the code says which)',
  429: 'RATE_LIMIT.*: too many requests; retry after Retry-After seconds',
};

type ResponseEntry = { description?: string; content?: Record<string, unknown>; [key: string]: unknown };

/**
 * Documents every route of a controller (or one route) completely: its success response (the
 * route's status, 201 for a POST and 200 otherwise unless @HttpCode says, when no 2xx is declared)
 * and its errors as application/problem+json: 400, 401, 403, 429 always, 404 for routes with a path
 * parameter, 409 for writes, plus any error status the route declares itself (its description
 * kept, the problem body added). Put it on the controller class, after the route decorators have
 * run (class decorators run last).
 */
export function ApiProblemResponses(): ClassDecorator & MethodDecorator {
  return ((target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      documentRoute(descriptor.value, '');
      return descriptor;
    }
    const controller = target as { prototype: Record<string, unknown> };
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = Object.getOwnPropertyDescriptor(controller.prototype, name)?.value;
      if (name !== 'constructor' && typeof handler === 'function' && Reflect.hasMetadata(METHOD_METADATA, handler)) documentRoute(handler, base);
    }
    return target;
  }) as ClassDecorator & MethodDecorator;
}

function documentRoute(handler: object, base: string): void {
  const responses: Record<string, ResponseEntry> = { ...(Reflect.getMetadata(API_RESPONSE, handler) ?? {}) };
  const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
  const path = `${base}/${String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')}`;
  if (!Object.keys(responses).some((status) => /^2\d\d$/.test(status))) {
    const status = Reflect.getMetadata(HTTP_CODE_METADATA, handler) ?? (method === RequestMethod.POST ? 201 : 200);
    responses[status] = { description: status === 204 ? 'Done; no content' : 'Success' };
  }
  const errors = [400, 401, 403, 429, ...(path.includes(':') ? [404] : []), ...(method === RequestMethod.GET ? [] : [409])];
  for (const status of errors) responses[status] ??= { description: DESCRIPTIONS[status] };
  for (const [status, entry] of Object.entries(responses)) {
    if (/^[45]\d\d$/.test(status) && !entry.content) responses[status] = { ...entry, description: entry.description || DESCRIPTIONS[Number(status)] || 'Error', content: PROBLEM_CONTENT };
  }
  Reflect.defineMetadata(API_RESPONSE, responses, handler);
}
