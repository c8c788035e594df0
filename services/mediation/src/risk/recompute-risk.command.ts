import { Command } from '@nestjs/cqrs';

/** Recomputes a tenancy's risk signal after anything it reads changed. */
export class RecomputeRiskCommand extends Command<'unchanged' | 'at_risk' | 'cleared' | 'updated' | 'unknown_tenancy'> {
  constructor(readonly tenancyId: string) {
    super();
  }
}
