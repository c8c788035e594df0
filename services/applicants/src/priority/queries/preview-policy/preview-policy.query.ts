import { Roles } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { ApiProblemResponses } from '@hearth/platform';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { AssessmentDetails, PersonalDataVault, VaultContext } from '../../../households/personal-data';
import { policyEffect, PolicyEffect } from '../../domain/policy-effect';
import { scorePriority } from '../../domain/priority-policy';
import { PolicyRegistry } from '../../policy-registry';
import { weightsSchema } from '../../commands/publish-policy/publish-policy.dto';

export class PreviewPolicyDto extends createZodDto(z.object({ weights: weightsSchema }).strict()) {}

export type PolicyPreview = PolicyEffect & { basedOnVersion: number };

export class PreviewPolicyQuery extends Query<PolicyPreview> {
  constructor(readonly input: PreviewPolicyDto) {
    super();
  }
}

interface Row {
  id: string;
  reference: string;
  registered_at: Date;
  priority: string;
  urgent: boolean;
  board_adjustment: string;
  assessment_id: string | null;
  details_encrypted: string | null;
}

/**
 * How a draft policy would reorder today's waitlist, before the board publishes it: every
 * waitlisted household scored under the draft (with its urgent status and adjustments), ranked in
 * the waitlist's order, compared with its rank now. Writes nothing; shows references only.
 */
@QueryHandler(PreviewPolicyQuery)
export class PreviewPolicyHandler implements IQueryHandler<PreviewPolicyQuery> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policies: PolicyRegistry,
    private readonly vault: PersonalDataVault,
  ) {}

  execute({ input }: PreviewPolicyQuery): Promise<PolicyPreview> {
    return this.unitOfWork.run(async (manager) => {
      const inForce = await this.policies.current(manager);
      const draft = { version: inForce.version + 1, weights: input.weights };
      const rows = await manager.query<Row[]>(
        `SELECT h.id, h.reference, h.registered_at, h.priority, h.urgent, h.board_adjustment, a.id AS assessment_id, a.details_encrypted
           FROM households h LEFT JOIN assessments a ON a.id = h.current_assessment_id
          WHERE h.status = 'waitlisted'`,
      );
      const households = rows.map((row) => {
        const currentPriority = Number(row.priority);
        // A household without readable assessment details keeps its priority under any policy.
        const draftPriority =
          row.assessment_id && row.details_encrypted
            ? scorePriority(draft, this.vault.open<AssessmentDetails>(VaultContext.assessment(row.assessment_id), row.details_encrypted), {
                urgent: row.urgent,
                adjustment: Number(row.board_adjustment),
              }).priority
            : currentPriority;
        return { reference: row.reference, registeredAt: row.registered_at, currentPriority, draftPriority };
      });
      return { basedOnVersion: inForce.version, ...policyEffect(households) };
    });
  }
}

@ApiTags('priority policy')
@ApiProblemResponses()
@Controller('priority-policies/preview')
export class PreviewPolicyController {
  constructor(private readonly queryBus: QueryBus) {}

  @Post()
  @HttpCode(200)
  @Roles('board_member')
  @ApiOkResponse({ description: 'What publishing these weights would do to the waitlist: who moves up or down and by how many places (references only); nothing is written' })
  preview(@Body() input: PreviewPolicyDto) {
    return this.queryBus.execute(new PreviewPolicyQuery(input));
  }
}
