import { ApiProblemResponses } from '../errors/api-problem-responses.decorator';
import { Controller, Get, Inject, UseFilters } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult, type HealthIndicatorFunction } from '@nestjs/terminus';
import { Public } from '@hearth/auth';
import { HealthCheckFailedFilter } from './health-check-failed.filter';
import { HEALTH_CHECKS } from './health.options';

@ApiTags('health')
@ApiProblemResponses()
@Controller('health')
@Public()
@UseFilters(HealthCheckFailedFilter)
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(HEALTH_CHECKS) private readonly checks: HealthIndicatorFunction[],
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check(this.checks);
  }
}
