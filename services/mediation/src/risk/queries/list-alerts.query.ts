import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, isStaff, Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { MediationRules } from '../../config';
import { RiskContribution } from '../tenancy-risk.entity';

export interface Alert {
  tenancyId: string;
  unitId: string;
  householdId: string;
  reference: string;
  caseworkerId: string | null;
  score: number;
  threshold: number;
  since: Date;
  why: RiskContribution[];
}

export class ListAlertsQuery extends Query<Alert[]> {
  constructor(readonly actor: Actor) {
    super();
  }
}

/** Tenancies at risk, highest score first, each with why; a caseworker sees those of their caseload. */
@QueryHandler(ListAlertsQuery)
export class ListAlertsHandler implements IQueryHandler<ListAlertsQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: MediationRules,
  ) {}

  async execute({ actor }: ListAlertsQuery): Promise<Alert[]> {
    const rows: { id: string; unit_id: string; household_id: string; reference: string; caseworker_id: string | null; score: number; changed_at: Date; factors: RiskContribution[] }[] =
      await this.dataSource.query(
        `SELECT r.id, r.unit_id, r.household_id, r.reference, h.caseworker_id, r.score, r.changed_at, r.factors
           FROM tenancy_risks r LEFT JOIN known_households h ON h.household_id = r.household_id
          WHERE r.at_risk ${isStaff(actor) ? '' : 'AND h.caseworker_id = $1'}
          ORDER BY r.score DESC, r.changed_at`,
        isStaff(actor) ? [] : [actor.id],
      );
    return rows.map((row) => ({
      tenancyId: row.id,
      unitId: row.unit_id,
      householdId: row.household_id,
      reference: row.reference,
      caseworkerId: row.caseworker_id,
      score: row.score,
      threshold: this.rules.risk.threshold,
      since: row.changed_at,
      why: row.factors,
    }));
  }
}

@ApiTags('tenancy risk')
@ApiProblemResponses()
@Controller('alerts')
export class AlertsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...STAFF_ROLES, 'caseworker')
  list(@CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ListAlertsQuery(actor));
  }
}
