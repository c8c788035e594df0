import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DeficiencyView, toDeficiencyView } from '../../../deficiencies/deficiency.view';
import { KnownUnit } from '../../../unit-directory/known-unit.entity';
import { checklistVersion } from '../../domain/checklist';
import { ChecklistResult } from '../../domain/checklist-result.entity';
import { Deficiency } from '../../domain/deficiency.entity';
import { Inspection } from '../../domain/inspection.entity';
import { InspectionHistoryEntry } from '../../domain/inspection-history.entity';
import { assertCanSeeInspection } from '../../inspection-access';
import { InspectionNotFoundError } from '../../inspection.errors';
import { forReader, InspectionView, toChecklistView, toHistoryView, toInspectionView } from '../../inspection.view';

export type InspectionDetail = InspectionView & {
  checklist: ReturnType<typeof toChecklistView>;
  deficiencies: DeficiencyView[];
  /** For a re-inspection: the deficiencies of the inspection it checks again. */
  reinspectedDeficiencies: DeficiencyView[];
  history: ReturnType<typeof toHistoryView>[];
};

export class GetInspectionQuery extends Query<InspectionDetail> {
  constructor(
    readonly inspectionId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** One inspection with its checklist (answered so far), its deficiencies, those it re-inspects, and its history. */
@QueryHandler(GetInspectionQuery)
export class GetInspectionHandler implements IQueryHandler<GetInspectionQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ inspectionId, actor }: GetInspectionQuery): Promise<InspectionDetail> {
    const manager = this.dataSource.manager;
    const inspection = await manager.findOneBy(Inspection, { id: inspectionId });
    if (!inspection) throw new InspectionNotFoundError(inspectionId);
    assertCanSeeInspection(actor, inspection);
    const deficienciesOf = (id: string | null) =>
      id ? manager.find(Deficiency, { where: { inspectionId: id }, order: { deadlineAt: 'ASC', itemCode: 'ASC' } }) : Promise.resolve([]);
    const [unit, results, deficiencies, reinspected, history] = await Promise.all([
      manager.findOneBy(KnownUnit, { id: inspection.unitId }),
      manager.findBy(ChecklistResult, { inspectionId }),
      deficienciesOf(inspection.id),
      deficienciesOf(inspection.reinspectionOf),
      manager.find(InspectionHistoryEntry, { where: { inspectionId }, order: { seq: 'ASC' } }),
    ]);
    const now = new Date();
    const detail = {
      ...toInspectionView(inspection, unit),
      checklist: toChecklistView(checklistVersion(inspection.checklistVersion), results),
      deficiencies: deficiencies.map((deficiency) => toDeficiencyView(deficiency, now)),
      reinspectedDeficiencies: reinspected.map((deficiency) => toDeficiencyView(deficiency, now)),
      history: history.map(toHistoryView),
    };
    return forReader(detail, actor);
  }
}

@ApiTags('inspections')
@ApiProblemResponses()
@Controller('inspections')
export class GetInspectionController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':inspectionId')
  @Roles(...STAFF_ROLES, 'inspector', 'landlord')
  get(@Param('inspectionId', ParseUUIDPipe) inspectionId: string, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new GetInspectionQuery(inspectionId, actor));
  }
}
