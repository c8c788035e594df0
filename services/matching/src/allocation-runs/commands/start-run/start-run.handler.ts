import { Actor } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { MatchingSettings } from '../../../matching-settings';
import { RunUnitsNotAvailableError } from '../../allocation-run.errors';
import { AllocationRunRepository } from '../../allocation-run.repository';
import { RunView, toRunView } from '../../allocation-run.view';
import { AllocationRun } from '../../domain/allocation-run.entity';
import { ENGINE_VERSION } from '../../domain/run-policy';
import { unitsLeftOut } from '../../run-units';
import { AllocationRunJobs } from '../execute-run/allocation-run.job';
import { StartRunDto } from './start-run.dto';

export class StartRunCommand extends Command<RunView> {
  constructor(
    readonly input: StartRunDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Queues an allocation run; a job solves it (GET /allocation-runs/:id shows its progress). */
@CommandHandler(StartRunCommand)
export class StartRunHandler implements ICommandHandler<StartRunCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly runs: AllocationRunRepository,
    private readonly settings: MatchingSettings,
    private readonly jobs: AllocationRunJobs,
  ) {}

  execute({ input, actor }: StartRunCommand): Promise<RunView> {
    return this.unitOfWork.run(async (manager) => {
      const unitIds = input.units === 'all' ? null : input.units;
      if (unitIds) {
        const leftOut = await unitsLeftOut(manager, unitIds);
        if (leftOut.length > 0) throw new RunUnitsNotAvailableError(leftOut);
      }
      const defaults = this.settings.policy;
      const run = manager.create(AllocationRun, {
        id: randomUUID(),
        version: 0,
        status: 'queued',
        mode: input.mode,
        policy: {
          weights: input.weights ?? defaults.weights,
          maxPerBuilding: input.maxPerBuilding === undefined ? defaults.maxPerBuilding : input.maxPerBuilding,
          maxExtraBedrooms: input.maxExtraBedrooms ?? defaults.maxExtraBedrooms,
          maxPerDistrict: input.maxPerDistrict === undefined ? defaults.maxPerDistrict : input.maxPerDistrict,
        },
        districtLimit: input.districtLimit ?? null,
        unitIds,
        unitsLeftOut: [],
        requestedBy: { id: actor.id, role: actor.role },
        progress: 0,
        phase: 'queued',
        runDate: null,
        engineVersion: ENGINE_VERSION,
        unitCount: null,
        householdCount: null,
        eligiblePairs: null,
        proposalCount: null,
        totalScore: null,
        certificateValid: null,
        proposals: [],
        districtReport: null,
        frontierRequested: input.frontier ?? false,
        frontier: null,
        approvedPoint: null,
        timings: null,
        error: null,
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
        completedAt: null,
      });
      await this.runs.save(manager, run);
      this.unitOfWork.afterCommit(() => this.jobs.schedule(run.id));
      return toRunView(await manager.findOneByOrFail(AllocationRun, { id: run.id }));
    });
  }
}
