import { Roles, STAFF_ROLES } from '@hearth/auth';
import { ApiProblemResponses, date, ValidationError } from '@hearth/platform';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Calendar } from '../../../calendar/calendar';
import { DailySnapshots } from '../../daily-snapshots';

export class RequestDailySnapshotDto extends createZodDto(z.object({ day: date().describe('A closed day (before today in the agency’s time zone)') }).strict()) {}

@ApiTags('snapshots')
@ApiProblemResponses()
@Controller('snapshots')
export class DailySnapshotsController {
  constructor(
    private readonly snapshots: DailySnapshots,
    private readonly calendar: Calendar,
    private readonly dataSource: DataSource,
  ) {}

  /** Queues the daily snapshot of a closed day (after the commit); taking it twice changes nothing. */
  @Post()
  @HttpCode(202)
  @Roles(...STAFF_ROLES)
  @ApiAcceptedResponse({ description: 'The day is due; its snapshot is taken by a job' })
  async request(@Body() body: RequestDailySnapshotDto) {
    if (body.day >= this.calendar.today()) {
      throw new ValidationError([{ field: 'day', message: 'must be a day that is over (before today)' }]);
    }
    await this.snapshots.request(body.day);
    return { day: body.day, status: 'queued' };
  }

  @Get()
  @Roles(...STAFF_ROLES, 'board_member')
  @ApiOkResponse({ description: 'The days whose daily snapshot is due or taken, newest first' })
  async list() {
    const rows: { day: string; takenAt: Date | null }[] = await this.dataSource.query(
      `SELECT day::text, taken_at AS "takenAt" FROM snapshot_days ORDER BY day DESC LIMIT 400`,
    );
    return { items: rows.map((row) => ({ day: row.day, takenAt: row.takenAt ? new Date(row.takenAt).toISOString() : null })) };
  }
}
