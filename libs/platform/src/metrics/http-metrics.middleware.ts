import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MetricsService } from './metrics.service';

type RoutedRequest = IncomingMessage & { baseUrl?: string; route?: { path?: unknown } };

/** Times every request, labelled by route pattern (`/units/:id`), never the raw URL. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: RoutedRequest, res: ServerResponse, next: () => void): void {
    const stopTimer = this.metrics.httpRequestDuration.startTimer();
    // Nest mounts middleware as catch-all routes; req.route names a handler's pattern only once one matched.
    const catchAllPath = req.route?.path;
    res.once('finish', () => {
      const path = req.route?.path;
      const route = typeof path === 'string' && path !== catchAllPath ? `${req.baseUrl ?? ''}${path}` : 'unmatched';
      stopTimer({ method: req.method, route, status_code: res.statusCode });
    });
    next();
  }
}
