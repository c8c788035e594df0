import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DailySnapshots } from '../../../snapshots/daily-snapshots';

/** The columns of a complaint one mediation event fills (stage 1 unprefixed, stage 2 `stage2…`). */
export type ComplaintFacts = Partial<{
  category: string;
  intensity: string;
  complainantKind: string;
  respondentKind: string;
  receivedOn: string;
  acknowledgeBy: string;
  acknowledgedOn: string;
  /** The answer's due day as the acknowledgement set it (before any extension). */
  answerDueBy: string;
  answeredOn: string;
  answerBy: string;
  answeredLate: boolean;
  upheld: boolean;
  stage2RequestedOn: string;
  stage2AcknowledgedOn: string;
  stage2AnswerDueBy: string;
  stage2AnsweredOn: string;
  stage2AnswerBy: string;
  stage2AnsweredLate: boolean;
  stage2Upheld: boolean;
  mediationId: string;
  toMediationOn: string;
}>;

export type MediationFacts = Partial<{
  agreementOn: string;
  committeeDecision: string;
  committeeDecidedOn: string;
  outcome: string;
  exclusion: string | null;
  closedOn: string;
}>;

/** acknowledgeBy → acknowledge_by, stage2AnsweredLate → stage2_answered_late: the column of a fact. */
const snake = (key: string) => key.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

export type CaseStep =
  | { table: 'complaints'; id: string; unitId: string; tenancyId: string | null; facts: ComplaintFacts }
  | { table: 'mediations'; id: string; unitId: string; tenancyId: string | null; facts: MediationFacts }
  | { table: 'tenancy_risk_steps'; id: string; version: number; atRisk: boolean; onDate: string };

export class RecordCaseStepCommand extends Command<void> {
  constructor(readonly step: CaseStep) {
    super();
  }
}

/** A complaint's, a mediation case's or a tenancy risk's step: categories, codes and days only. */
@CommandHandler(RecordCaseStepCommand)
export class RecordCaseStepHandler implements ICommandHandler<RecordCaseStepCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly snapshotDays: DailySnapshots,
  ) {}

  execute({ step }: RecordCaseStepCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      if (step.table === 'tenancy_risk_steps') {
        await manager.query(`INSERT INTO tenancy_risk_steps (tenancy_id, risk_version, at_risk, on_date) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
          step.id,
          step.version,
          step.atRisk,
          step.onDate,
        ]);
      } else {
        const key = step.table === 'complaints' ? 'complaint_id' : 'mediation_id';
        const facts = step.facts as Record<string, unknown>;
        const entries = Object.keys(facts).filter((k) => facts[k] !== undefined);
        const columns = entries.map(snake);
        const values = entries.map((k) => facts[k] ?? null);
        await manager.query(
          `INSERT INTO ${step.table} (${key}, unit_id, tenancy_id${columns.map((c) => `, ${c}`).join('')})
           VALUES ($1, $2, $3${values.map((_, i) => `, $${i + 4}`).join('')})
           ON CONFLICT (${key}) DO UPDATE SET tenancy_id = coalesce(${step.table}.tenancy_id, EXCLUDED.tenancy_id)${columns.map((c) => `, ${c} = coalesce(${step.table}.${c}, EXCLUDED.${c})`).join('')}`,
          [step.id, step.unitId, step.tenancyId, ...values],
        );
      }
      await this.snapshotDays.noteActivity(manager);
    });
  }
}
