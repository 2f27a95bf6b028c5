import {
  Inject,
  Injectable,
  Module,
  Optional,
  type DynamicModule,
  type ModuleMetadata,
  type OnModuleInit,
  type Provider,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { DOCUMENT_STORE, type DocumentStore } from '@gx/readstore/document-store.port';
import { AuthGuard } from '../auth/auth.guard';
import { LoginController } from '../auth/login.controller';
import { LoginThrottle } from '../auth/login-throttle';
import { Sessions } from '../auth/sessions';
import { TokenService } from '../auth/token.service';
import type { AppName } from '../config/config';
import { CLOCK, CLOCK_OVERRIDE, systemClock, type Clock } from '../context/clock';
import { ProblemFilter } from '../errors/problem.filter';
import { createValidationPipe } from '../errors/validation';
import { IDEMPOTENCY_DOCUMENTS } from '../idempotency/idempotency.constants';
import {
  DEFAULT_IDEMPOTENCY_OPTIONS,
  IDEMPOTENCY_OPTIONS,
  IdempotencyStore,
  type IdempotencyOptions,
} from '../idempotency/idempotency.store';
import { HealthRegistry } from '../observability/health';
import { CommandMetrics, HttpMetrics, METRICS_REGISTRY, createMetricsRegistry } from '../observability/metrics';
import { ObservabilityController } from '../observability/observability.controller';
import { storeHealthCheck } from '../observability/store-observability';
import { APP_NAME } from './app-name';

/** Options of {@link PlatformModule.forRoot}. */
export interface PlatformOptions {
  app: AppName;
  /** Serve `POST /auth/login` (needs a USER_DIRECTORY provider); false for the worker. */
  login: boolean;
  /**
   * Modules exporting DOCUMENT_STORE (and USER_DIRECTORY when `login`). Not needed when those
   * providers come from a `@Global()` module.
   */
  imports?: ModuleMetadata['imports'];
  /** Time source for request contexts and idempotency expiry; the wall clock by default. */
  clock?: Clock;
  idempotency?: Partial<IdempotencyOptions>;
}

/** Registers the readiness checks of the DocumentStores the platform itself depends on. */
@Injectable()
class DocumentStoreHealth implements OnModuleInit {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    private readonly health: HealthRegistry,
    @Optional() @Inject(IDEMPOTENCY_DOCUMENTS) private readonly idempotency?: DocumentStore,
  ) {}

  onModuleInit(): void {
    const stores: Array<[string, DocumentStore]> = [['documentStore', this.store]];
    if (this.idempotency && this.idempotency !== this.store) stores.push(['idempotencyStore', this.idempotency]);
    for (const [name, store] of stores) this.health.register(storeHealthCheck({ name, store }));
  }
}

/**
 * The cross-cutting concerns of every app, as one global module: CONFIG-driven auth (global guard,
 * `POST /auth/login`), problem+json errors, validation, request context, idempotency, metrics,
 * health. CONFIG itself is provided by {@link createApp}.
 */
@Module({})
export class PlatformModule {
  /** Wire the platform for one app. */
  static forRoot(options: PlatformOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: APP_NAME, useValue: options.app },
      {
        provide: CLOCK,
        inject: [{ token: CLOCK_OVERRIDE, optional: true }],
        useFactory: (override?: Clock) => override ?? options.clock ?? systemClock,
      },
      { provide: IDEMPOTENCY_OPTIONS, useValue: { ...DEFAULT_IDEMPOTENCY_OPTIONS, ...options.idempotency } },
      { provide: METRICS_REGISTRY, useFactory: () => createMetricsRegistry(options.app) },
      HttpMetrics,
      CommandMetrics,
      HealthRegistry,
      TokenService,
      Sessions,
      LoginThrottle,
      IdempotencyStore,
      DocumentStoreHealth,
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_FILTER, useClass: ProblemFilter },
      { provide: APP_PIPE, useFactory: createValidationPipe },
      // No global interceptors: the guard builds the request context, and idempotency runs as Fastify
      // hooks installed by createApp (see IdempotencyHooks) — Nest wraps interceptors per request.
    ];
    return {
      module: PlatformModule,
      global: true,
      imports: options.imports ?? [],
      controllers: options.login ? [ObservabilityController, LoginController] : [ObservabilityController],
      providers,
      exports: [
        APP_NAME,
        CLOCK,
        METRICS_REGISTRY,
        HttpMetrics,
        CommandMetrics,
        HealthRegistry,
        TokenService,
        Sessions,
        LoginThrottle,
        IdempotencyStore,
      ],
    };
  }
}
