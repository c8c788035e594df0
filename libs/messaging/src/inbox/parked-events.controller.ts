import { Roles } from '@hearth/auth';
import { pageQuery, ApiProblemResponses, NotFoundError, queryFlag } from '@hearth/platform';
import { Body, Controller, Get, HttpCode, Injectable, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { EventConsumerRunner, ReplayResult } from './event-consumer-runner';
import { ParkedEvent, ParkedEvents } from './parked-events';

/** Gives the admin endpoints the running consumer (set by the messaging lifecycle at start-up). */
@Injectable()
export class ConsumerControl {
  runner?: EventConsumerRunner;
  parked?: ParkedEvents;

  require(): { runner: EventConsumerRunner; parked: ParkedEvents } {
    if (!this.runner || !this.parked) throw new NotFoundError('MESSAGING.NO_CONSUMER', 'This service consumes no events');
    return { runner: this.runner, parked: this.parked };
  }
}

class ListParkedDto extends createZodDto(
  pageQuery({ includeResolved: queryFlag().optional().describe('Also list dead letters already replayed or discarded') }).omit({ offset: true }),
) {}

class ReplayDto extends createZodDto(
  z
    .object({
      ids: z
        .array(z.string().trim().min(1).max(64))
        .min(1)
        .max(1_000)
        .optional()
        .describe('Event ids (or parked row ids) to replay; all open dead letters when omitted'),
    })
    .strict(),
) {}

/**
 * What this service's consumer could not apply: dead letters (replayable once the cause is fixed,
 * through the same inbox, so a replay is applied at most once) and held events (a version this
 * consumer does not know yet). `npm run dlq` is the command-line front of these endpoints.
 */
@ApiTags('admin: events')
@ApiProblemResponses()
@Controller('admin')
@Roles('sra_admin')
export class ParkedEventsController {
  constructor(private readonly control: ConsumerControl) {}

  @Get('dead-letters')
  deadLetters(@Query() query: ListParkedDto): Promise<ParkedEvent[]> {
    return this.control.require().parked.list('dead_letter', query.includeResolved ?? false, query.limit);
  }

  @Post('dead-letters/replay')
  @HttpCode(200)
  async replay(@Body() body: ReplayDto): Promise<{ results: ReplayResult[] }> {
    return { results: await this.control.require().runner.replayDeadLetters(body.ids) };
  }

  @Get('held-events')
  held(@Query() query: ListParkedDto): Promise<ParkedEvent[]> {
    return this.control.require().parked.list('held', query.includeResolved ?? false, query.limit);
  }

  @Post('held-events/release')
  @HttpCode(200)
  async release(): Promise<{ stillHeld: number }> {
    const { runner, parked } = this.control.require();
    await runner.releaseHeld();
    return { stillHeld: (await parked.countOpen()).held };
  }
}
