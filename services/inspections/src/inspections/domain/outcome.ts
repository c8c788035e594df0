import { Checklist, checklistItemCodes } from './checklist';
import { mostSevere, Severity, SEVERITIES } from './repair-deadlines';

export type ItemResult = 'pass' | 'fail' | 'not_applicable';
export type InspectionOutcome = 'passed' | 'failed';

export interface RecordedItem {
  itemCode: string;
  result: ItemResult;
  severity: Severity | null;
}

export interface DeficiencySummary {
  total: number;
  bySeverity: Record<Severity, number>;
  mostSevere: Severity | null;
}

export type ChecklistAssessment<T extends RecordedItem = RecordedItem> =
  | { complete: false; missing: string[] }
  | { complete: true; outcome: InspectionOutcome; failures: (T & { severity: Severity })[]; summary: DeficiencySummary };

/**
 * Reads a checklist as recorded: complete only when every item of its version is answered; then
 * passed when nothing failed (`not_applicable` counts as no failure), otherwise failed, with one
 * deficiency per failed item. Results for codes the checklist does not know are ignored. Each
 * failure is the recorded item itself (with whatever else it carries), its severity set.
 */
export function assessChecklist<T extends RecordedItem>(checklist: Checklist, recorded: readonly T[]): ChecklistAssessment<T> {
  const byCode = new Map(recorded.map((item) => [item.itemCode, item]));
  const codes = checklistItemCodes(checklist);
  const missing = codes.filter((code) => !byCode.has(code));
  if (missing.length > 0) return { complete: false, missing };
  const failures = codes
    .map((code) => byCode.get(code)!)
    .filter((item) => item.result === 'fail')
    .map((item) => {
      if (!item.severity) throw new Error(`Failed checklist item ${item.itemCode} has no severity`);
      return { ...item, severity: item.severity };
    });
  return { complete: true, outcome: failures.length === 0 ? 'passed' : 'failed', failures, summary: summarizeDeficiencies(failures.map((f) => f.severity)) };
}

export function summarizeDeficiencies(severities: readonly Severity[]): DeficiencySummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const severity of severities) bySeverity[severity] += 1;
  return { total: severities.length, bySeverity, mostSevere: mostSevere(severities) };
}

export type EarlierDeficiencies =
  | { resolution: 'cleared'; of: 'the_unit' }
  | { resolution: 'superseded'; of: 'the_reinspected_inspection'; inspectionId: string }
  | null;

/**
 * What a completed inspection does to the open deficiencies found before it on the same flat: a
 * pass clears them all (the whole checklist was found in order, and a passed re-inspection clears
 * those of the inspection it re-inspects); a failed re-inspection takes over those of the
 * inspection it re-inspects (its own findings, with their own deadlines, replace them); any other
 * failure leaves them as they are.
 */
export function earlierDeficiencies(completed: { outcome: InspectionOutcome; reinspectionOf: string | null }): EarlierDeficiencies {
  if (completed.outcome === 'passed') return { resolution: 'cleared', of: 'the_unit' };
  if (completed.reinspectionOf) return { resolution: 'superseded', of: 'the_reinspected_inspection', inspectionId: completed.reinspectionOf };
  return null;
}
