import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccessPurpose, ApiReadPurpose, ReadPurpose } from '../../access-purpose';
import { HOUSEHOLD_ROLES } from '../../household-access';
import { HouseholdRepository } from '../../household.repository';
import { PersonalDataReader } from '../../personal-data.reader';

type PersonalDataView = Awaited<ReturnType<PersonalDataReader['personalData']>>;

export class GetPersonalDataQuery extends Query<PersonalDataView> {
  constructor(
    readonly householdId: string,
    readonly purpose: AccessPurpose,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** The household's personal data, decrypted; the read and its purpose are logged in the same transaction. */
@QueryHandler(GetPersonalDataQuery)
export class GetPersonalDataHandler implements IQueryHandler<GetPersonalDataQuery> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly households: HouseholdRepository,
    private readonly reader: PersonalDataReader,
  ) {}

  execute({ householdId, purpose, actor }: GetPersonalDataQuery): Promise<PersonalDataView> {
    return this.unitOfWork.run(async (manager) => {
      const household = await this.households.get(manager, householdId, actor);
      const data = await this.reader.personalData(manager, household);
      await this.reader.recordAccess(manager, household, actor, purpose, 'personal_data');
      return data;
    });
  }
}

@ApiTags('privacy')
@ApiProblemResponses()
@Controller('households')
export class GetPersonalDataController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':householdId/personal-data')
  @Roles(...HOUSEHOLD_ROLES)
  @ApiReadPurpose()
  @ApiOkResponse({ description: 'Contact, referral, legal status, notes, needs reasons, assessment answers and consents; every read is recorded in the access log' })
  get(@Param('householdId', ParseUUIDPipe) householdId: string, @ReadPurpose() purpose: AccessPurpose, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new GetPersonalDataQuery(householdId, purpose, actor));
  }
}
