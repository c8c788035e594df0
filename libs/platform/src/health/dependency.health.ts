import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';

/** Turns a probe of an external dependency into a terminus result, down after `timeoutMs`. */
@Injectable()
export class DependencyHealthIndicator {
  constructor(private readonly indicators: HealthIndicatorService) {}

  async check<K extends string>(key: K, probe: () => Promise<boolean>, timeoutMs: number): Promise<HealthIndicatorResult<K>> {
    const indicator = this.indicators.check(key);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const healthy = await Promise.race([probe(), timeout]);
      return healthy ? indicator.up() : indicator.down({ message: 'reported unhealthy' });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    } finally {
      clearTimeout(timer);
    }
  }
}
