import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AllocationRunRepository } from '../../allocation-run.repository';
import { ENGINE_VERSION } from '../../domain/run-policy';
import { RunVerification, verifyRun } from '../../domain/run-verification';

export type VerifyRunResult = RunVerification & { runId: string; mode: string; runEngineVersion: string; verifiedWith: string; verifiedAt: Date };

export class VerifyRunCommand extends Command<VerifyRunResult> {
  constructor(readonly runId: string) {
    super();
  }
}

/** Re-checks a run from its stored census; changes nothing. */
@CommandHandler(VerifyRunCommand)
export class VerifyRunHandler implements ICommandHandler<VerifyRunCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: AllocationRunRepository,
  ) {}

  async execute({ runId }: VerifyRunCommand): Promise<VerifyRunResult> {
    const { run, census } = await this.runs.getWithCensus(this.dataSource.manager, runId);
    const verification = verifyRun(census.instance, { ...census.result, certificate: census.certificate ?? undefined }, census.frontier);
    return { runId, mode: run.mode, ...verification, runEngineVersion: run.engineVersion, verifiedWith: ENGINE_VERSION, verifiedAt: new Date() };
  }
}
