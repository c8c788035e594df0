import { randomUUID } from 'node:crypto';
import { anEnvelope } from './event.builders';

type Severity = 'life_threatening' | 'severe' | 'moderate' | 'low';
type InspectionType = 'initial' | 'periodic' | 'move_in' | 'move_out' | 'complaint';

/** The inspections service's events for one inspection of a unit, as the units service hears them. */
export class InspectionEventStream {
  private version = 0;
  readonly inspectionId = randomUUID();

  constructor(
    readonly unit: { unitId: string; landlordId: string },
    readonly inspectionType: InspectionType = 'initial',
    readonly reinspectionOf: string | null = null,
  ) {}

  private next(type: string, payload: Record<string, unknown>) {
    this.version += 1;
    return anEnvelope({
      type,
      source: 'inspections',
      aggregateType: 'Inspection',
      aggregateId: this.inspectionId,
      aggregateVersion: this.version,
      payload: { inspectionId: this.inspectionId, ...this.unit, inspectionType: this.inspectionType, ...payload },
    });
  }

  passed() {
    return this.completed({});
  }

  /** Completed with these deficiencies (count by severity); passed when there are none. */
  completed(deficiencies: Partial<Record<Severity, number>>) {
    const bySeverity = { life_threatening: 0, severe: 0, moderate: 0, low: 0, ...deficiencies };
    const total = Object.values(bySeverity).reduce((sum, n) => sum + n, 0);
    const mostSevere = (['life_threatening', 'severe', 'moderate', 'low'] as const).find((s) => bySeverity[s] > 0) ?? null;
    return this.next('InspectionCompleted', {
      outcome: total === 0 ? 'passed' : 'failed',
      reinspectionOf: this.reinspectionOf,
      checklistVersion: 1,
      completedAt: new Date().toISOString(),
      deficiencies: { total, bySeverity, mostSevere },
    });
  }
}

/** Answers to every checklist item: a pass unless a test makes one fail or not applicable. */
export class ChecklistAnswersBuilder {
  private readonly answers = new Map<string, Record<string, unknown>>();

  constructor(itemCodes: string[]) {
    for (const code of itemCodes) this.answers.set(code, { result: 'pass' });
  }

  failing(code: string, severity: Severity, note = 'Black mould on the bedroom wall, about 1 m²', photos: string[] = []): this {
    this.answers.set(code, { result: 'fail', severity, note, photos });
    return this;
  }

  notApplicable(code: string): this {
    this.answers.set(code, { result: 'not_applicable' });
    return this;
  }

  without(code: string): this {
    this.answers.delete(code);
    return this;
  }

  /** [item code, request body] pairs, in checklist order. */
  build(): [string, Record<string, unknown>][] {
    return [...this.answers];
  }
}

export const checklistAnswers = (itemCodes: string[]) => new ChecklistAnswersBuilder(itemCodes);
