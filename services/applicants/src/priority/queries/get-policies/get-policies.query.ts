import { ApiProblemResponses } from '@hearth/platform';
import { Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DEFAULT_PRIORITY_POLICY, PriorityWeights } from '../../domain/priority-policy';
import { PriorityPolicyVersion } from '../../domain/priority-policy.entity';

export interface PolicyView {
  version: number;
  inForce: boolean;
  weights: PriorityWeights;
  summary: string;
  publishedBy: string | null;
  publishedAt: Date | null;
  rescoring: { completedAt: Date | null; households: number | null; changed: number | null } | null;
}

export class ListPoliciesQuery extends Query<{ items: PolicyView[] }> {}

/** Every policy version, newest first; the first is in force. Version 1 is the default shipped in code. */
@QueryHandler(ListPoliciesQuery)
export class ListPoliciesHandler implements IQueryHandler<ListPoliciesQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute(): Promise<{ items: PolicyView[] }> {
    const rows = await this.dataSource.manager.find(PriorityPolicyVersion, { order: { version: 'DESC' } });
    const published: PolicyView[] = rows.map((row) => ({
      version: row.version,
      inForce: false,
      weights: row.weights,
      summary: row.summary,
      publishedBy: row.publishedBy,
      publishedAt: row.publishedAt,
      rescoring: { completedAt: row.rescoringCompletedAt, households: row.rescoredHouseholds, changed: row.changedHouseholds },
    }));
    const items: PolicyView[] = [
      ...published,
      {
        version: DEFAULT_PRIORITY_POLICY.version,
        inForce: false,
        weights: DEFAULT_PRIORITY_POLICY.weights,
        summary: 'Default policy shipped with Hearth',
        publishedBy: null,
        publishedAt: null,
        rescoring: null,
      },
    ];
    items[0].inForce = true;
    return { items };
  }
}

@ApiTags('priority policy')
@ApiProblemResponses()
@Controller('priority-policies')
export class ListPoliciesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...STAFF_ROLES, 'caseworker', 'board_member')
  @ApiOkResponse({ description: 'Every version with its weights, newest (in force) first' })
  list() {
    return this.queryBus.execute(new ListPoliciesQuery());
  }
}
