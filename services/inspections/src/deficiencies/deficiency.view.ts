import { Deficiency } from '../inspections/domain/deficiency.entity';

export function toDeficiencyView(deficiency: Deficiency, now = new Date()) {
  return {
    id: deficiency.id,
    inspectionId: deficiency.inspectionId,
    unitId: deficiency.unitId,
    landlordId: deficiency.landlordId,
    itemCode: deficiency.itemCode,
    areaCode: deficiency.areaCode,
    severity: deficiency.severity,
    note: deficiency.note,
    photos: deficiency.photos,
    foundAt: deficiency.foundAt,
    deadlineAt: deficiency.deadlineAt,
    status: deficiency.resolution ?? 'open',
    overdue: deficiency.resolution === null && deficiency.deadlineAt.getTime() < now.getTime(),
    resolvedAt: deficiency.resolvedAt,
    resolvedByInspectionId: deficiency.resolvedByInspectionId,
  };
}

export type DeficiencyView = ReturnType<typeof toDeficiencyView>;
