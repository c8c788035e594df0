import { ValidationError } from '@hearth/platform';
import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader, ApiQuery } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';

/** Why someone reads a household's personal data; recorded in the access log with every read. */
export const ACCESS_PURPOSES = [
  'case_review',
  'support_planning',
  'assessment',
  'offer_preparation',
  'safeguarding',
  'data_subject_request',
  'audit',
] as const;

/** Recorded with the board's reads of score breakdowns (board views take no purpose: reviewing is what they are for). */
export const BOARD_REVIEW = 'board_review';

export type AccessPurpose = (typeof ACCESS_PURPOSES)[number] | typeof BOARD_REVIEW;

export const ACCESS_PURPOSE_HEADER = 'x-access-purpose';

/** The purpose of a personal-data read, from `?purpose=` or the X-Access-Purpose header; 400 without one. */
export const ReadPurpose = createParamDecorator((_data: unknown, context: ExecutionContext): AccessPurpose => {
  const request = context.switchToHttp().getRequest<IncomingMessage & { query?: Record<string, unknown> }>();
  const value = request.query?.['purpose'] ?? request.headers[ACCESS_PURPOSE_HEADER];
  if (typeof value !== 'string' || !(ACCESS_PURPOSES as readonly string[]).includes(value)) {
    throw new ValidationError([{ field: 'purpose', message: `is required: one of ${ACCESS_PURPOSES.join(', ')}` }]);
  }
  return value as AccessPurpose;
});

/** Documents the purpose parameter on a personal-data route. */
export function ApiReadPurpose(): MethodDecorator {
  return applyDecorators(
    ApiQuery({ name: 'purpose', enum: ACCESS_PURPOSES, required: false, description: 'Why you read this personal data (or send the X-Access-Purpose header); recorded in the access log' }),
    ApiHeader({ name: ACCESS_PURPOSE_HEADER, required: false, description: 'Alternative to ?purpose=' }),
  );
}
