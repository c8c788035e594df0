import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ZodValidationException } from 'nestjs-zod';
import { correlationIdOf } from '../logging/correlation-id';
import { DomainError } from './domain.errors';
import { isTransientError } from './transient-error';
import { fieldErrorsOf } from './field-errors';
import { PROBLEM_CONTENT_TYPE, problemType, statusTitle, type ProblemDetails } from './problem-details';

type Problem = Pick<ProblemDetails, 'status' | 'code' | 'detail'> & { extras?: Record<string, unknown> };

const CODES_BY_STATUS: Partial<Record<number, string>> = {
  [HttpStatus.UNAUTHORIZED]: 'AUTH.UNAUTHENTICATED',
  [HttpStatus.FORBIDDEN]: 'AUTH.FORBIDDEN',
  [HttpStatus.INTERNAL_SERVER_ERROR]: 'INTERNAL_ERROR',
};

const INTERNAL_DETAIL = 'An unexpected error occurred. Quote the correlation id when reporting it.';
const UNAVAILABLE_DETAIL = 'A service this request needs is unavailable for the moment; nothing was changed. Retry in a few seconds.';
/** Seconds a client should wait before retrying a 503. */
const RETRY_AFTER_S = 5;

/** Answers every error as application/problem+json (RFC 9457); never leaks an unexpected error's message. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<IncomingMessage & { originalUrl?: string }>();
    const res = http.getResponse<ServerResponse>();
    const { status, code, detail, extras } = toProblem(exception);
    const body: ProblemDetails = {
      type: problemType(code),
      title: statusTitle(status),
      status,
      detail,
      code,
      instance: (req.originalUrl ?? req.url ?? '').split('?')[0] ?? '',
      correlationId: correlationIdOf(req, res),
      ...extras,
    };

    if (status === 503) {
      this.logger.warn({ err: exception, correlationId: body.correlationId, code }, `${req.method} ${body.instance} unavailable`);
    } else if (status >= 500) {
      this.logger.error({ err: exception, correlationId: body.correlationId, code }, `${req.method} ${body.instance} failed`);
    } else {
      this.logger.debug({ correlationId: body.correlationId, code, detail }, `${req.method} ${body.instance} refused`);
    }

    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.statusCode = status;
    if (status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_S));
    res.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    res.end(JSON.stringify(body));
  }
}

function toProblem(exception: unknown): Problem {
  if (exception instanceof ZodValidationException) {
    const errors = fieldErrorsOf(exception.getZodError());
    return { status: 400, code: 'VALIDATION_FAILED', detail: 'The request is invalid; see errors.', extras: { errors } };
  }
  if (exception instanceof DomainError) {
    return { status: exception.status, code: exception.code, detail: exception.message, extras: exception.extras };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return { status, code: codeForStatus(status), detail: status < 500 ? httpExceptionDetail(exception) : statusTitle(status) };
  }
  if (isExposedClientError(exception)) {
    return { status: exception.status, code: codeForStatus(exception.status), detail: exception.message };
  }
  // The database restarting, Redis or the broker unreachable: the client may retry; nothing was committed.
  if (isTransientError(exception)) {
    return { status: 503, code: 'SERVICE_UNAVAILABLE', detail: UNAVAILABLE_DETAIL };
  }
  return { status: 500, code: codeForStatus(500), detail: INTERNAL_DETAIL };
}

function codeForStatus(status: number): string {
  return CODES_BY_STATUS[status] ?? statusTitle(status).toUpperCase().replace(/\W+/g, '_');
}

function httpExceptionDetail(exception: HttpException): string {
  const response = exception.getResponse();
  const message = typeof response === 'object' && response !== null && 'message' in response ? response.message : undefined;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/** Errors in the http-errors convention (body-parser's 413, 415…) that are safe to show. */
function isExposedClientError(error: unknown): error is Error & { status: number } {
  if (!(error instanceof Error)) return false;
  const { status, expose } = error as Error & { status?: unknown; expose?: unknown };
  return expose === true && typeof status === 'number' && status >= 400 && status < 500;
}
