import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { correlationStorage } from './correlation.context';
import { correlationIdOf } from './correlation-id';

/** Runs the rest of the request inside correlationStorage. */
@Injectable()
export class CorrelationIdMiddleware implements NestMiddleware {
  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    correlationStorage.run({ correlationId: correlationIdOf(req, res) }, next);
  }
}
