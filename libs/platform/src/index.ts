export { baseConfigSchema, type BaseConfig } from './config/base-config.schema';
export { loadConfig } from './config/load-config';
export { DEVELOPMENT_DEFAULTS } from './config/development-defaults';

export { LoggingModule, type LoggingModuleOptions } from './logging/logging.module';
export { correlationStorage, currentCorrelationId, type CorrelationContext } from './logging/correlation.context';
export { CORRELATION_ID_HEADER } from './logging/correlation-id';
export { createLogger } from './logging/create-logger';

export {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
  ValidationError,
  withArticle,
  type FieldError,
} from './errors/domain.errors';
export { PROBLEM_CONTENT_TYPE, problemType, type ProblemDetails } from './errors/problem-details';
export { ProblemDetailsFilter } from './errors/problem-details.filter';

export { HealthModule } from './health/health.module';
export type { HealthModuleOptions, RedisClientFactory } from './health/health.options';
export { KAFKA_HEALTH_PROBE, type KafkaHealthProbe } from './health/kafka-health.probe';

export { MetricsModule } from './metrics/metrics.module';
export type { MetricsModuleOptions } from './metrics/metrics.options';
export { MetricsService } from './metrics/metrics.service';

export { pageQuery, pageQuerySchema, queryFlag, type PageQuery } from './pagination/page-query.schema';
export { pageSchema, toPage, type Page } from './pagination/page';

export { configureHttpApp, type HttpAppDescription } from './bootstrap/configure-http-app';
export { runService, type RunServiceOptions } from './bootstrap/run-service';
export { PlatformModule, type PlatformModuleOptions } from './bootstrap/platform.module';
export * from './jobs/jobs.module';
export { JobSweeper, Sweep, type JobSweep } from './jobs/job-sweeper';
export { enqueueJobs, ENQUEUE_TIMEOUT_MS, type JobToQueue } from './jobs/enqueue-jobs';
export { isTransientError, TransientError, TimeoutError, withTimeout } from './errors/transient-error';
export * from './validation/fields';
export { NulCharacterGuard } from './validation/nul-character.guard';
export { ApiProblemResponses, PROBLEM_SCHEMA } from './errors/api-problem-responses.decorator';
export { IntParamPipe } from './validation/int-param.pipe';
export { safeErrorSerializer } from './logging/safe-error.serializer';
export { FieldCipher, FieldDecryptionError } from './crypto/field-cipher';
export { httpSecurityConfigSchema, httpSecuritySettings, type HttpSecurityConfig } from './security/http-security.config';
export { presentsToken } from './security/access-token';
export { CONSUMER_PROGRESS, type ConsumerProgress, type ConsumerProgressSource } from './health/consumer-progress';
