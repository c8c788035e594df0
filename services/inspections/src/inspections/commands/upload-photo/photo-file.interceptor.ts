import { DomainError, ValidationError } from '@hearth/platform';
import { BadRequestException, CallHandler, ExecutionContext, HttpException, Inject, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Observable } from 'rxjs';

/** The largest photo accepted, in bytes (PHOTO_MAX_BYTES). */
export const PHOTO_MAX_BYTES = Symbol('PHOTO_MAX_BYTES');

/** The multipart field that carries the photo. */
export const PHOTO_FIELD = 'file';

/** What multer leaves on the request for the photo (kept in memory, never on disk). */
export interface UploadedPhotoFile {
  buffer: Buffer;
  size: number;
}

/**
 * Reads the one photo of a multipart/form-data upload (field `file`) into memory, at most
 * PHOTO_MAX_BYTES, no other part. multer stops reading a file over the limit (413) and refuses a
 * body it cannot parse or a part it does not expect (400); both are answered with the field at
 * fault, as every refusal of input is. Errors of the handler itself pass untouched.
 */
@Injectable()
export class PhotoFileInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;

  constructor(@Inject(PHOTO_MAX_BYTES) private readonly maxBytes: number) {
    const Multer = FileInterceptor(PHOTO_FIELD, { limits: { fileSize: maxBytes, files: 1, fields: 0, parts: 1 } });
    this.multer = new Multer();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multer.intercept(context, next);
    } catch (error) {
      throw this.refusal(error);
    }
  }

  private refusal(error: unknown): Error {
    if (error instanceof PayloadTooLargeException) {
      return new DomainError('PHOTO.TOO_LARGE', `A photo may be at most ${this.maxBytes} bytes`, 413, {
        errors: [{ field: PHOTO_FIELD, message: `is larger than ${this.maxBytes} bytes` }],
      });
    }
    const detail = error instanceof BadRequestException ? error.message : 'the body could not be read';
    if (error instanceof HttpException && !(error instanceof BadRequestException)) return error;
    return new ValidationError([{ field: PHOTO_FIELD, message: `must be one image sent as the multipart/form-data field "${PHOTO_FIELD}" (${detail})` }]);
  }
}
