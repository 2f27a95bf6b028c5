// Public API of @gx/platform (libs/platform/src/index.ts re-exports this file).
export * from './config/config';
export * from './config/config-error';
export * from './config/env-vars';
export { hashPassword, verifyPassword, DEFAULT_SCRYPT_PARAMS, type ScryptParams } from './auth/password';
export * from './auth/auth.types';
export { Public, Roles, CurrentUser } from './auth/decorators';
export { TokenService, REFRESH_TTL_SECONDS, type IssuedToken } from './auth/token.service';
export { LoginRequest, RefreshRequest } from './auth/login.controller';
export { LoginResponse, Sessions } from './auth/sessions';
export * from './auth/login-throttle';
export * from './errors/problem';
export { DOMAIN_ERROR_STATUS } from './errors/domain-status';
export { flattenValidationErrors, createValidationPipe } from './errors/validation';
export { CLOCK, CLOCK_OVERRIDE, systemClock, type Clock } from './context/clock';
export { CORRELATION_ID_HEADER } from './context/correlation-id';
export { sha256Hex } from './crypto/sha256';
export { Ctx, deterministicUuid, type RequestContext } from './context/request-context';
export {
  IDEMPOTENCY_DOCUMENTS,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
} from './idempotency/idempotency.constants';
export { DEFAULT_IDEMPOTENCY_OPTIONS, type IdempotencyOptions } from './idempotency/idempotency.store';
export { METRICS_REGISTRY, CommandMetrics, type CommandOutcome } from './observability/metrics';
export {
  HealthRegistry,
  type HealthCheckResult,
  type HealthIndicator,
  type HealthReport,
} from './observability/health';
export { createLogger } from './observability/logger';
export {
  storeHealthCheck,
  registerStoreMetrics,
  registerContentionMetrics,
  type ObservedStore,
} from './observability/store-observability';
export { APP_NAME } from './app/app-name';
export { PlatformModule, type PlatformOptions } from './app/platform.module';
export { createApp, type AppModule, type CreateAppOptions } from './app/create-app';
export { bootstrap, bootstrapAll, type AppEntry } from './app/bootstrap';
export { buildOpenApiDocument } from './openapi/openapi';
export {
  ApiErrors,
  ApiNeedsToken,
  ApiOp,
  type ApiOpOptions,
  ProblemView,
  ProblemFieldView,
  type ProblemCode,
} from './openapi/api-errors';
export {
  completeOperations,
  moneyFieldsNotInFen,
  moneySchemaViolations,
  openApiRuleViolations,
  operationsOf,
  type OpenApiRuleOptions,
} from './openapi/openapi-rules';
export { serveWebUi, webRootOf } from './web/serve-web-ui';
export {
  EVENT_STREAM_HEARTBEAT_MS,
  EVENT_STREAM_RETRY_MS,
  eventFrameText,
  openEventStream,
  serveEventStream,
  streamCaller,
  type EventStreamSink,
} from './web/event-stream';
export {
  StreamAdmission,
  type Admission,
  type RefusalReason,
  type StreamLimits,
  type StreamRefusals,
} from './web/stream-admission';
