import { ValidationError } from '@hearth/platform';
import { z } from 'zod';
import { PASSWORD_PROBLEM_MESSAGES, passwordProblems } from './domain/password-policy';

/** A new password as typed (never trimmed); the policy is checked by assertAcceptablePassword. */
export const newPassword = () => z.string().min(1).max(1024).describe('At least 12 characters, not a common password');

export function assertAcceptablePassword(password: string, email: string, field = 'password'): void {
  const problems = passwordProblems(password, email);
  if (problems.length > 0) throw new ValidationError(problems.map((problem) => ({ field, message: PASSWORD_PROBLEM_MESSAGES[problem] })));
}
