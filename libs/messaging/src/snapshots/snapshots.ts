import { ApiProblemResponses } from '@hearth/platform';
import { Roles } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { Body, Controller, Get, HttpCode, Injectable, OnApplicationBootstrap, Post, SetMetadata } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { EventOutbox, NewEvent } from '../outbox/event-outbox';

/**
 * Rebuilding a read model from scratch. Topics are not kept forever, so a consumer cannot count on
 * replaying every event since the beginning. Instead the service that owns an aggregate publishes
 * a snapshot event per aggregate on demand (its whole current state, at its current version), and
 * every consumer applies snapshots like any other event: a read model that was reset (or is behind)
 * takes the state, one that is already at that version ignores it.
 *
 * Rebuild = reset the consumer's read models (`POST /admin/read-models/reset`), then ask each owner
 * to publish its snapshots (`POST /admin/snapshots`); `npm run rebuild-read-models` does both.
 */
export interface SnapshotSource {
  /** The next page of snapshot events, by ascending aggregate id after `afterId` (null: from the start); an empty page ends it. */
  page(manager: EntityManager, afterId: string | null, limit: number): Promise<{ lastId: string; events: NewEvent[] } | null>;
}

/** A read model this service keeps from other services' events, which can be emptied before a rebuild. */
export interface ResettableReadModel {
  /** Empties the read model (in the caller's transaction). */
  reset(manager: EntityManager): Promise<void>;
}

const SNAPSHOT_SOURCE = 'hearth:snapshot-source';
const READ_MODEL = 'hearth:read-model';

/** Marks a SnapshotSource provider; `aggregateType` names what it snapshots. */
export const PublishesSnapshots = (aggregateType: string): ClassDecorator => SetMetadata(SNAPSHOT_SOURCE, aggregateType);
/** Marks a ResettableReadModel provider; `name` is how an operator names it. */
export const ReadModel = (name: string): ClassDecorator => SetMetadata(READ_MODEL, name);

const PAGE_SIZE = 500;

@Injectable()
export class Snapshots implements OnApplicationBootstrap {
  private sources: { aggregateType: string; source: SnapshotSource }[] = [];
  private readModels: { name: string; model: ResettableReadModel }[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: EventOutbox,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance || !wrapper.isDependencyTreeStatic()) continue;
      const aggregateType = Reflect.getMetadata(SNAPSHOT_SOURCE, wrapper.metatype as object) as string | undefined;
      if (aggregateType) this.sources.push({ aggregateType, source: wrapper.instance as SnapshotSource });
      const name = Reflect.getMetadata(READ_MODEL, wrapper.metatype as object) as string | undefined;
      if (name) this.readModels.push({ name, model: wrapper.instance as ResettableReadModel });
    }
  }

  get readModelNames(): string[] {
    return this.readModels.map((readModel) => readModel.name);
  }

  get aggregateTypes(): string[] {
    return this.sources.map((source) => source.aggregateType);
  }

  /** Publishes a snapshot of every aggregate this service owns, a page per transaction. */
  async publishAll(): Promise<Record<string, number>> {
    const published: Record<string, number> = {};
    for (const { aggregateType, source } of this.sources) {
      published[aggregateType] = 0;
      for (let afterId: string | null = null; ; ) {
        const page = await this.unitOfWork.run(async (manager) => {
          const next = await source.page(manager, afterId, PAGE_SIZE);
          if (next) await this.outbox.append(manager, next.events);
          return next;
        });
        if (!page) break;
        published[aggregateType] += page.events.length;
        afterId = page.lastId;
      }
    }
    return published;
  }

  /** Empties the named read models (all when none is named), in one transaction. */
  async reset(names?: string[]): Promise<string[]> {
    const chosen = names ? this.readModels.filter((readModel) => names.includes(readModel.name)) : this.readModels;
    await this.unitOfWork.run(async (manager) => {
      for (const { model } of chosen) await model.reset(manager);
    });
    return chosen.map((readModel) => readModel.name);
  }
}

class ResetDto extends createZodDto(z.object({ names: z.array(z.string().trim().min(1).max(64)).min(1).max(20).optional().describe('Read models to reset; all when omitted') }).strict()) {}

@ApiTags('admin: events')
@ApiProblemResponses()
@Controller('admin')
@Roles('sra_admin')
export class SnapshotsController {
  constructor(private readonly snapshots: Snapshots) {}

  @Get('read-models')
  readModels(): { readModels: string[]; snapshots: string[] } {
    return { readModels: this.snapshots.readModelNames, snapshots: this.snapshots.aggregateTypes };
  }

  @Post('read-models/reset')
  @HttpCode(200)
  async reset(@Body() body: ResetDto): Promise<{ reset: string[] }> {
    return { reset: await this.snapshots.reset(body.names) };
  }

  @Post('snapshots')
  @HttpCode(200)
  async publish(): Promise<{ published: Record<string, number> }> {
    return { published: await this.snapshots.publishAll() };
  }
}
