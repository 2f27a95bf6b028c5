import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthRegistry } from '@gx/platform';
import { DOCUMENT_STORE, leaseErrors, type DocumentStore } from '@gx/readstore';

/**
 * The worker's `leases` health check: down while taking or renewing a lease fails with an error
 * (the store is away), naming each lease and its error. Such a task is not standing by behind
 * another holder: nobody may run it. The check comes back up at the next answered attempt.
 */
@Injectable()
export class LeaseHealth implements OnModuleInit {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health.register({
      name: 'leases',
      check: async () => {
        const errors = leaseErrors(this.store);
        if (errors.length === 0) return { status: 'up' };
        return { status: 'down', details: { errors } };
      },
    });
  }
}
