import { Catch, ServiceUnavailableException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ServerResponse } from 'node:http';

/** Answers a failed health check with terminus' own body (which check is down), not a problem document. */
@Catch(ServiceUnavailableException)
export class HealthCheckFailedFilter implements ExceptionFilter {
  catch(exception: ServiceUnavailableException, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<ServerResponse>();
    res.statusCode = exception.getStatus();
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(exception.getResponse()));
  }
}
