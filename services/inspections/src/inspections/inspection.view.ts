import { Actor } from '@hearth/auth';
import { KnownUnit } from '../unit-directory/known-unit.entity';
import { Checklist, checklistItemCodes } from './domain/checklist';
import { ChecklistResult } from './domain/checklist-result.entity';
import { Inspection } from './domain/inspection.entity';
import { InspectionHistoryEntry } from './domain/inspection-history.entity';

/** The fields every inspection event starts with. */
export function toInspectionEventRef(inspection: Inspection) {
  return { inspectionId: inspection.id, unitId: inspection.unitId, landlordId: inspection.landlordId, inspectionType: inspection.type };
}

export function toUnitLocation(unit: KnownUnit | null | undefined) {
  return unit ? { address: unit.address, postalCode: unit.postalCode, city: unit.city, district: unit.district } : null;
}

export function toInspectionView(inspection: Inspection, unit: KnownUnit | null | undefined) {
  return {
    id: inspection.id,
    version: inspection.version,
    unitId: inspection.unitId,
    landlordId: inspection.landlordId,
    unit: toUnitLocation(unit),
    type: inspection.type,
    status: inspection.status,
    outcome: inspection.outcome,
    reinspectionOf: inspection.reinspectionOf,
    trigger: inspection.trigger,
    requestNote: inspection.requestNote,
    inspectorId: inspection.inspectorId,
    scheduledAt: inspection.scheduledAt,
    checklistVersion: inspection.checklistVersion,
    completedAt: inspection.completedAt,
    cancelReason: inspection.cancelReason,
    createdAt: inspection.createdAt,
    updatedAt: inspection.updatedAt,
  };
}

export type InspectionView = ReturnType<typeof toInspectionView>;

/**
 * What a landlord may read of an inspection: everything about the flat and its deficiencies, but
 * not the free-text notes on why it was requested or why nobody opened the door, which can be
 * about the household living there (a landlord learns no more of them than needed).
 */
export function forReader<T extends { requestNote: string | null; history?: { note: string | null }[] }>(view: T, actor: Actor): T {
  if (actor.role !== 'landlord') return view;
  return { ...view, requestNote: null, ...(view.history && { history: view.history.map((entry) => ({ ...entry, note: null })) }) };
}

export function toChecklistResultView(result: ChecklistResult) {
  return {
    itemCode: result.itemCode,
    areaCode: result.areaCode,
    result: result.result,
    severity: result.severity,
    note: result.note,
    photos: result.photos,
    recordedAt: result.recordedAt,
    recordedBy: result.recordedBy,
  };
}

export type ChecklistResultView = ReturnType<typeof toChecklistResultView>;

/** The checklist as the inspector sees it on the phone: areas, items and what is recorded so far. */
export function toChecklistView(checklist: Checklist, results: readonly ChecklistResult[] = []) {
  const byCode = new Map(results.map((result) => [result.itemCode, result]));
  const codes = checklistItemCodes(checklist);
  return {
    version: checklist.version,
    title: checklist.title,
    answered: codes.filter((code) => byCode.has(code)).length,
    total: codes.length,
    areas: checklist.areas.map((area) => ({
      code: area.code,
      label: area.label,
      items: area.items.map((item) => {
        const recorded = byCode.get(item.code);
        return {
          code: item.code,
          label: item.label,
          result: recorded?.result ?? null,
          severity: recorded?.severity ?? null,
          note: recorded?.note ?? null,
          photos: recorded?.photos ?? [],
          recordedAt: recorded?.recordedAt ?? null,
        };
      }),
    })),
  };
}

export function toHistoryView(entry: InspectionHistoryEntry) {
  return {
    at: entry.at,
    action: entry.action,
    actor: { id: entry.actorId, role: entry.actorRole },
    note: entry.note,
    inspectorId: entry.inspectorId,
    scheduledAt: entry.scheduledAt,
  };
}
