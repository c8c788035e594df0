import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { ApiProblemResponses, text } from '@hearth/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler, IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { MediationRules } from '../../../config';
import { NeighbourNotFoundError } from '../../../mediation.errors';
import { MediationVault, VaultContext } from '../../../vault';
import { Neighbour, NeighbourDetails } from '../../domain/neighbour.entity';

export class RegisterNeighbourDto extends createZodDto(
  z
    .object({
      unitId: z.uuid().optional().describe('The flat the neighbour lives next to'),
      buildingId: text({ max: 100 }).optional(),
      fullName: text({ max: 200 }),
      phone: text({ max: 40 }).nullable().optional(),
      email: z.email().max(254).nullable().optional(),
      flatLabel: text({ max: 100 }).nullable().optional().describe('Where they live, e.g. "2nd floor left"'),
      notes: text({ max: 2000, multiline: true }).nullable().optional(),
    })
    .strict(),
) {}

function toNeighbourView(neighbour: Neighbour, vault: MediationVault) {
  const details = neighbour.personalEncrypted ? vault.open<NeighbourDetails>(VaultContext.neighbour(neighbour.id), neighbour.personalEncrypted) : null;
  return { id: neighbour.id, version: neighbour.version, unitId: neighbour.unitId, buildingId: neighbour.buildingId, erasedOn: neighbour.erasedOn, ...(details ?? {}) };
}

export class RegisterNeighbourCommand extends Command<ReturnType<typeof toNeighbourView>> {
  constructor(
    readonly input: RegisterNeighbourDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** A neighbour's record: name and contact encrypted at rest, referred to by id everywhere else. */
@CommandHandler(RegisterNeighbourCommand)
export class RegisterNeighbourHandler implements ICommandHandler<RegisterNeighbourCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly vault: MediationVault,
  ) {}

  execute({ input, actor }: RegisterNeighbourCommand) {
    return this.unitOfWork.run(async (manager) => {
      const id = randomUUID();
      const details: NeighbourDetails = { fullName: input.fullName, phone: input.phone ?? null, email: input.email ?? null, flatLabel: input.flatLabel ?? null, notes: input.notes ?? null };
      const neighbour = manager.create(Neighbour, {
        id,
        version: 1,
        unitId: input.unitId ?? null,
        buildingId: input.buildingId ?? null,
        personalEncrypted: this.vault.seal(VaultContext.neighbour(id), details),
        createdBy: actor.id,
        erasedOn: null,
      });
      await manager.insert(Neighbour, neighbour);
      return toNeighbourView(neighbour, this.vault);
    });
  }
}

export class GetNeighbourQuery extends Query<ReturnType<typeof toNeighbourView>> {
  constructor(readonly id: string) {
    super();
  }
}

@QueryHandler(GetNeighbourQuery)
export class GetNeighbourHandler implements IQueryHandler<GetNeighbourQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: MediationVault,
  ) {}

  async execute({ id }: GetNeighbourQuery) {
    const neighbour = await this.dataSource.manager.findOneBy(Neighbour, { id });
    if (!neighbour) throw new NeighbourNotFoundError(id);
    return toNeighbourView(neighbour, this.vault);
  }
}

export class EraseNeighbourCommand extends Command<ReturnType<typeof toNeighbourView>> {
  constructor(readonly id: string) {
    super();
  }
}

/** A neighbour's right to erasure: the personal data goes; the id stays so cases still add up. */
@CommandHandler(EraseNeighbourCommand)
export class EraseNeighbourHandler implements ICommandHandler<EraseNeighbourCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly vault: MediationVault,
    private readonly rules: MediationRules,
  ) {}

  execute({ id }: EraseNeighbourCommand) {
    return this.unitOfWork.run(async (manager) => {
      const neighbour = await manager.findOne(Neighbour, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!neighbour) throw new NeighbourNotFoundError(id);
      if (!neighbour.erasedOn) {
        neighbour.personalEncrypted = null;
        neighbour.erasedOn = this.rules.today();
        neighbour.version += 1;
        await manager.save(Neighbour, neighbour);
        await manager.query('UPDATE preparation_tasks SET result_encrypted = NULL WHERE neighbour_id = $1', [id]);
        await manager.query(
          `UPDATE complaints SET description_encrypted = NULL WHERE complainant_ref = $1 OR respondent_ref = $1`,
          [id],
        );
      }
      return toNeighbourView(neighbour, this.vault);
    });
  }
}

/** Neighbours' personal data: staff only (mediators and caseworkers work with ids). */
@ApiTags('neighbours')
@ApiProblemResponses()
@Controller('neighbours')
export class NeighboursController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @Roles(...STAFF_ROLES)
  register(@Body() input: RegisterNeighbourDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RegisterNeighbourCommand(input, actor));
  }

  @Get(':id')
  @Roles(...STAFF_ROLES)
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.queryBus.execute(new GetNeighbourQuery(id));
  }

  @Delete(':id/personal-data')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  erase(@Param('id', ParseUUIDPipe) id: string) {
    return this.commandBus.execute(new EraseNeighbourCommand(id));
  }
}
