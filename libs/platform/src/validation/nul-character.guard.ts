import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ValidationError, type FieldError } from '../errors/domain.errors';

/**
 * Refuses a request carrying a NUL character anywhere in its body, query string or path before any
 * handler runs: PostgreSQL cannot store NUL in text, so without this a single `\u0000` in a field
 * the schema forgot to check would reach the database and end as a 500. The field schemas (see
 * `text`) refuse the other control characters with a message of their own.
 */
@Injectable()
export class NulCharacterGuard implements NestMiddleware {
  use(req: IncomingMessage & { body?: unknown; originalUrl?: string }, _res: ServerResponse, next: (error?: unknown) => void): void {
    const fields: FieldError[] = [];
    collectNul(req.body, '', fields);
    const url = req.originalUrl ?? req.url ?? '';
    if (/%00/i.test(url) || url.includes('\u0000')) {
      const [path, query = ''] = url.split('?');
      if (/%00/i.test(path) || path.includes('\u0000')) fields.push({ field: '(path)', message: 'must not contain a NUL character' });
      for (const [name, value] of new URLSearchParams(query)) {
        if (value.includes('\u0000') || name.includes('\u0000')) fields.push({ field: name.replace(/\u0000/g, ''), message: 'must not contain a NUL character' });
      }
    }
    if (fields.length > 0) return next(new ValidationError(fields));
    next();
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function collectNul(value: unknown, path: string, fields: FieldError[]): void {
  if (fields.length >= 20) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) fields.push({ field: path || '(body)', message: 'must not contain a NUL character' });
    // A lone surrogate (`"\ud800"` in JSON) is not text: stored it becomes U+FFFD, published it breaks
    // every reader of the event (PostgreSQL refuses it in json).
    else if (LONE_SURROGATE.test(value)) fields.push({ field: path || '(body)', message: 'must be valid Unicode text' });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => collectNul(item, path ? `${path}.${index}` : String(index), fields));
    return;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) fields.push({ field: field.replace(/\u0000/g, ''), message: 'must not contain a NUL character' });
      collectNul(item, field, fields);
    }
  }
}
