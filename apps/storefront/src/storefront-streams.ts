import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, METRICS_REGISTRY, StreamAdmission, type Admission, type AppConfig } from '@gx/platform';
import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * Admission control of the storefront's live streams (campaign progress, my order) in one process: a
 * signed-in user holds at most STOREFRONT_STREAMS_PER_USER order streams (one more: 429), the process at
 * most STOREFRONT_STREAMS_MAX streams in all (503); both with Retry-After. Anonymous campaign watchers count
 * against the process only. Open streams and refusals are in `/metrics`.
 */
@Injectable()
export class StorefrontStreams {
  private readonly admission: StreamAdmission;

  constructor(@Inject(CONFIG) config: AppConfig, @Inject(METRICS_REGISTRY) registry: Registry) {
    const { perUser, total } = config.storefrontStreams;
    const refused = new Counter({
      name: 'storefront_streams_refused_total',
      help: 'Storefront live streams refused by admission control, by bound (per_user, per_process)',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.admission = new StreamAdmission(
      { perUser, perKey: total, total },
      {
        perUser: (limit) => `at most ${limit} live order streams per user are open at once; close one first`,
        perKey: 'the storefront is serving as many live streams as it can; try again shortly',
        total: 'the storefront is serving as many live streams as it can; try again shortly',
      },
      (reason) => refused.inc({ reason }),
    );
    const admission = this.admission;
    new Gauge({
      name: 'storefront_streams_open',
      help: 'Open storefront live streams (campaign progress and orders)',
      registers: [registry],
      collect(this: Gauge) {
        this.set(admission.open);
      },
    });
  }

  /** One more stream of `key` (a campaign or an order) for `user` (undefined: an anonymous watcher), or a refusal. */
  admit(key: string, user: string | undefined): Admission {
    return this.admission.admit(key, user);
  }
}
