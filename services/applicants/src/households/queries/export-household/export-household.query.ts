import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EntityManager } from 'typeorm';
import { BoardDecision } from '../../../board/domain/board-decision.entity';
import { AccessPurpose, ApiReadPurpose, ReadPurpose } from '../../access-purpose';
import { AccessLogEntry } from '../../domain/access-log-entry.entity';
import { Assessment } from '../../domain/assessment.entity';
import { HouseholdRepository } from '../../household.repository';
import { toHouseholdSummary } from '../../household.view';
import { PersonalDataReader } from '../../personal-data.reader';

export class ExportHouseholdQuery extends Query<Record<string, unknown>> {
  constructor(
    readonly householdId: string,
    readonly purpose: AccessPurpose,
    readonly actor: Actor,
  ) {
    super();
  }
}

const ERASED_PERSONAL_DATA = { primaryContact: null, referral: null, legalStatus: null, notes: null, needs: null, statusNote: null, scoreBreakdown: null };

/**
 * Everything held about a household, as JSON (a subject access request): its record, personal
 * data, every assessment, consent and board decision, its event history and who read its data.
 * The export itself is recorded in the access log (and appears in it).
 */
@QueryHandler(ExportHouseholdQuery)
export class ExportHouseholdHandler implements IQueryHandler<ExportHouseholdQuery> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly households: HouseholdRepository,
    private readonly reader: PersonalDataReader,
  ) {}

  execute({ householdId, purpose, actor }: ExportHouseholdQuery): Promise<Record<string, unknown>> {
    return this.unitOfWork.run(async (manager) => {
      const household = await this.households.get(manager, householdId, actor);
      await this.reader.recordAccess(manager, household, actor, purpose, 'export');
      const { primaryContact, referral, legalStatus, notes, needs, statusNote, scoreBreakdown, consents } = household.isErased
        ? { ...ERASED_PERSONAL_DATA, consents: await this.reader.consents(manager, householdId) }
        : await this.reader.personalData(manager, household);
      const assessments = await manager.find(Assessment, { where: { householdId }, order: { createdAt: 'ASC' } });
      return {
        exportedAt: new Date().toISOString(),
        exportedBy: { id: actor.id, role: actor.role },
        household: toHouseholdSummary(household),
        personalData: { primaryContact, referral, legalStatus, notes, needs, statusNote },
        scoreBreakdown,
        assessments: assessments.map((a) => this.reader.assessmentView(a)),
        consents,
        boardDecisions: await manager.find(BoardDecision, { where: { householdId }, order: { decidedAt: 'ASC' } }),
        history: await history(manager, householdId),
        accessLog: await manager.find(AccessLogEntry, { where: { householdId }, order: { accessedAt: 'ASC', id: 'ASC' } }),
      };
    });
  }
}

/** The household's events as published (they carry no personal data): its audit trail. */
async function history(manager: EntityManager, householdId: string) {
  const rows = await manager.query<{ envelope: { type: string; occurredAt: string; aggregateVersion: number; actor: unknown; payload: unknown } }[]>(
    `SELECT envelope FROM outbox WHERE message_key = $1 ORDER BY seq`,
    [householdId],
  );
  return rows.map(({ envelope }) => ({ type: envelope.type, occurredAt: envelope.occurredAt, version: envelope.aggregateVersion, actor: envelope.actor, payload: envelope.payload }));
}

@ApiTags('privacy')
@ApiProblemResponses()
@Controller('households')
export class ExportHouseholdController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':householdId/export')
  @Roles(...STAFF_ROLES)
  @ApiReadPurpose()
  @ApiOkResponse({ description: 'Everything held about the household (subject access request), as JSON; the export is itself logged' })
  export(@Param('householdId', ParseUUIDPipe) householdId: string, @ReadPurpose() purpose: AccessPurpose, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ExportHouseholdQuery(householdId, purpose, actor));
  }
}
