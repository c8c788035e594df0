import { Actor, CurrentActor, isStaff, Roles, STAFF_ROLES } from '@hearth/auth';
import { ApiProblemResponses, JobSweep, enqueueJobs, Sweep, withTimeout } from '@hearth/platform';
import { UnitOfWork } from '@hearth/persistence';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Controller, Get, Inject, Injectable, Logger, Query as QueryParams } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler, IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Job, Queue } from 'bullmq';
import { createZodDto } from 'nestjs-zod';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { MediationRules } from '../config';
import { Language, LANGUAGES, translate } from '../i18n/texts';
import { MediationQueue } from '../mediation.queues';
import { RefreshTimeBasedRisksCommand } from '../risk/refresh-time-based-risks.handler';

export const DIGEST_INTERVAL_MS = Symbol('DIGEST_INTERVAL_MS');
const DIGEST_JOB = 'digest';

export type DigestItemKind = 'complaint_acknowledgement_overdue' | 'complaint_answer_overdue' | 'complaint_stalled' | 'task_overdue' | 'meeting_overdue';

export interface DigestItem {
  kind: DigestItemKind;
  /** The complaint or preparation. */
  caseId: string;
  values: Record<string, string | number>;
}

export class GenerateDigestCommand extends Command<{ runId: string; owners: number; items: number }> {}

/**
 * The digest of overdue and stalled cases per owner (the handler of a complaint, the owner of a
 * preparation task, the owner of an arrival case; `unassigned` when nobody is). Each run writes
 * one row per owner with something to do.
 */
@CommandHandler(GenerateDigestCommand)
export class GenerateDigestHandler implements ICommandHandler<GenerateDigestCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly rules: MediationRules,
  ) {}

  execute() {
    return this.unitOfWork.run(async (manager) => {
      const today = this.rules.today();
      const stalledSince = new Date(this.rules.now().getTime() - this.rules.stalledAfterDays * 86_400_000);
      const byOwner = new Map<string, DigestItem[]>();
      const add = (owner: string | null, item: DigestItem) => {
        const key = owner ?? 'unassigned';
        const items = byOwner.get(key);
        if (items) items.push(item);
        else byOwner.set(key, [item]);
      };
      const complaints: { id: string; handler_id: string | null; category: string; received_on: string; stage: number; status: string; ack: string; answer: string | null; last: Date }[] = await manager.query(
        `SELECT c.id, coalesce(s.handler_id, c.handler_id) AS handler_id, c.category, c.received_on::text, c.stage, c.status,
                s.acknowledge_by::text AS ack, s.answer_by::text AS answer, c.last_activity_at AS last
           FROM complaints c JOIN complaint_stages s ON s.complaint_id = c.id AND s.stage = c.stage
          WHERE c.status IN ('awaiting_acknowledgement', 'awaiting_answer')`,
      );
      for (const c of complaints) {
        const values = { receivedOn: c.received_on, category: c.category, stage: c.stage };
        if (c.status === 'awaiting_acknowledgement' && c.ack < today) add(c.handler_id, { kind: 'complaint_acknowledgement_overdue', caseId: c.id, values: { ...values, dueOn: c.ack } });
        else if (c.status === 'awaiting_answer' && c.answer !== null && c.answer < today) add(c.handler_id, { kind: 'complaint_answer_overdue', caseId: c.id, values: { ...values, dueOn: c.answer } });
        else if (new Date(c.last) < stalledSince) add(c.handler_id, { kind: 'complaint_stalled', caseId: c.id, values: { ...values, since: new Date(c.last).toISOString().slice(0, 10) } });
      }
      const tasks: { preparation_id: string; owner_id: string | null; kind: string; due_on: string; reference: string }[] = await manager.query(
        `SELECT t.preparation_id, t.owner_id, t.kind, t.due_on::text, p.reference FROM preparation_tasks t JOIN preparations p ON p.id = t.preparation_id
          WHERE t.done_on IS NULL AND p.status = 'open' AND t.due_on < $1`,
        [today],
      );
      for (const t of tasks) add(t.owner_id, { kind: 'task_overdue', caseId: t.preparation_id, values: { reference: t.reference, task: t.kind, dueOn: t.due_on } });
      const meetings: { id: string; owner_id: string | null; meeting_due_on: string; reference: string }[] = await manager.query(
        `SELECT id, owner_id, meeting_due_on::text, reference FROM preparations WHERE meeting_due_on < $1 AND meeting_held_on IS NULL AND status <> 'cancelled'`,
        [today],
      );
      for (const m of meetings) add(m.owner_id, { kind: 'meeting_overdue', caseId: m.id, values: { reference: m.reference, dueOn: m.meeting_due_on } });

      const runId = randomUUID();
      const generatedAt = this.rules.now();
      for (const [ownerId, items] of byOwner) {
        await manager.query('INSERT INTO digests (run_id, generated_at, owner_id, items) VALUES ($1, $2, $3, $4)', [runId, generatedAt, ownerId, JSON.stringify(items)]);
      }
      return { runId, owners: byOwner.size, items: [...byOwner.values()].reduce((sum, items) => sum + items.length, 0) };
    });
  }
}

/** Keeps the repeating digest job in Redis (BullMQ job scheduler: idempotent), at start-up and every sweep. */
@Injectable()
@Sweep('mediation digest')
export class DigestScheduler implements JobSweep {
  constructor(
    @InjectQueue(MediationQueue.Digest) private readonly queue: Queue,
    @Inject(DIGEST_INTERVAL_MS) private readonly everyMs: number,
  ) {}

  async sweep(): Promise<number> {
    await withTimeout(this.queue.upsertJobScheduler('daily-digest', { every: this.everyMs }, { name: DIGEST_JOB, opts: { removeOnComplete: true, removeOnFail: true } }), 2_000, 'Redis (digest scheduler)');
    return 1;
  }
}

/** Kept for callers that queue one run now (tests, operators). */
export function runDigestNow(queue: Queue): Promise<number> {
  return enqueueJobs(queue, [{ name: DIGEST_JOB, data: {}, opts: { jobId: `digest-now-${Date.now()}`, removeOnComplete: true, removeOnFail: true } }]);
}

@Processor(MediationQueue.Digest)
export class DigestJob extends WorkerHost {
  private readonly logger = new Logger(DigestJob.name);

  constructor(private readonly commandBus: CommandBus) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const result = await this.commandBus.execute(new GenerateDigestCommand());
    const risksRefreshed = await this.commandBus.execute(new RefreshTimeBasedRisksCommand());
    this.logger.log({ jobId: job.id, owners: result.owners, items: result.items, risksRefreshed }, 'digest generated');
    return { ...result, risksRefreshed };
  }
}

const digestQuerySchema = z.object({
  ownerId: z.string().trim().min(1).max(200).optional().describe('Staff only: whose digest (default: your own)'),
  lang: z.enum(LANGUAGES).default('en').describe('The language of the lines'),
});
export class DigestQueryDto extends createZodDto(digestQuerySchema) {}

export class GetDigestQuery extends Query<{ ownerId: string; generatedAt: Date | null; items: (DigestItem & { text: string })[] }> {
  constructor(
    readonly filter: DigestQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** The latest digest of an owner, each line in the reader's language. */
@QueryHandler(GetDigestQuery)
export class GetDigestHandler implements IQueryHandler<GetDigestQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter, actor }: GetDigestQuery) {
    const ownerId = isStaff(actor) && filter.ownerId ? filter.ownerId : actor.id;
    const [latest]: { generated_at: Date; items: DigestItem[] }[] = await this.dataSource.query(
      `SELECT d.generated_at, d.items FROM digests d
        WHERE d.owner_id = $1 AND d.run_id = (SELECT run_id FROM digests ORDER BY generated_at DESC, id DESC LIMIT 1)`,
      [ownerId],
    );
    const language: Language = filter.lang;
    const items = (latest?.items ?? []).map((item) => ({ ...item, text: render(language, item) }));
    return { ownerId, generatedAt: latest?.generated_at ?? null, items };
  }
}

function render(language: Language, item: DigestItem): string {
  const values: Record<string, unknown> = { ...item.values };
  if (typeof values.category === 'string') values.category = translate(language, `category.${values.category}`);
  if (typeof values.task === 'string') values.task = translate(language, `task.${values.task}`);
  return translate(language, `digest.${item.kind}`, values);
}

@ApiTags('digest')
@ApiProblemResponses()
@Controller('digest')
export class DigestController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...STAFF_ROLES, 'caseworker', 'mediator')
  get(@QueryParams() filter: DigestQueryDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new GetDigestQuery(filter, actor));
  }
}

