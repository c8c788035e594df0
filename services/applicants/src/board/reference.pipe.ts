import { ValidationError } from '@hearth/platform';
import { Injectable, PipeTransform } from '@nestjs/common';
import { parseReference } from '../households/domain/reference-code';

/** A household reference in a path, case-insensitive; 400 when it cannot be one. */
@Injectable()
export class ReferenceParam implements PipeTransform<string, string> {
  transform(value: string): string {
    const reference = parseReference(value);
    if (!reference) throw new ValidationError([{ field: 'reference', message: 'must be a household reference like HX-7Q2K' }]);
    return reference;
  }
}
