import { ApiProblemResponses } from '../errors/api-problem-responses.decorator';
import { Controller, Get, Header, Inject, Req, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@hearth/auth';
import type { IncomingMessage } from 'node:http';
import { Registry } from 'prom-client';
import { presentsToken } from '../security/access-token';
import { METRICS_OPTIONS, type MetricsModuleOptions } from './metrics.options';
import { MetricsService } from './metrics.service';

/** GET /metrics: open, or behind METRICS_TOKEN (the user tokens of the API do not apply here). */
@ApiProblemResponses()
@Controller('metrics')
@ApiExcludeController()
@Public()
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(METRICS_OPTIONS) private readonly options: MetricsModuleOptions,
  ) {}

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  scrape(@Req() req: IncomingMessage): Promise<string> {
    if (this.options.token !== undefined && !presentsToken(req, this.options.token)) {
      throw new UnauthorizedException('GET /metrics needs the metrics token');
    }
    return this.metrics.registry.metrics();
  }
}
