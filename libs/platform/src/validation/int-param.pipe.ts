import { Injectable, type PipeTransform } from '@nestjs/common';
import { ValidationError } from '../errors/domain.errors';
import { type IntOptions } from './fields';

/**
 * A whole number in a path (`/policies/:version/…`), bounded like every number: Nest's
 * ParseIntPipe takes 99999999999, which no int column holds.
 */
@Injectable()
export class IntParamPipe implements PipeTransform<string, number> {
  constructor(
    private readonly field: string,
    private readonly bounds: IntOptions,
  ) {}

  transform(value: string): number {
    const number = /^-?\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(number) || number < this.bounds.min || number > this.bounds.max) {
      throw new ValidationError([{ field: this.field, message: `must be a whole number from ${this.bounds.min} to ${this.bounds.max}` }]);
    }
    return number;
  }
}
