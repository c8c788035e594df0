import { ValidationError } from '@hearth/platform';

export function notInFuture(field: string, day: string, today: string): void {
  if (day > today) throw new ValidationError([{ field, message: 'must not be in the future' }]);
}

export function notBefore(field: string, day: string, earliest: string): void {
  if (day < earliest) throw new ValidationError([{ field, message: `must not be before ${earliest}` }]);
}
