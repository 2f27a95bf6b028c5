import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { userDecider, type UserAccount, type UserEvent } from '@gx/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent, type Subscription } from '@gx/eventstore';
import type { AuthUser, TokenRevocation } from '@gx/platform';

/** Events that end sessions or disable an account (also the one that enables it again). */
const SESSION_EVENTS: Array<UserEvent['type']> = [
  'UserDisabled',
  'UserEnabled',
  'SessionsEnded',
  'RolesAssigned',
  'PasswordChanged',
  'PersonalDataErased',
];

interface Standing {
  disabled: boolean;
  epoch: number;
  /** Revision of the user stream this reflects: older events are skipped. */
  revision: number;
}

/**
 * Which accounts are disabled and which sessions have ended, for every process that checks tokens:
 * kept from a subscription to the log's user events (so a change made in another process counts
 * within one poll of the store), and updated at once by the commands of this process. A token whose
 * account is disabled, or whose session epoch is older than the account's, is refused.
 */
@Injectable()
export class SessionRevocations implements TokenRevocation, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('SessionRevocations');
  private readonly standing = new Map<string, Standing>();
  private subscription?: Subscription;
  private position?: string;
  private stopped = false;

  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  isRevoked(user: AuthUser): boolean {
    const s = this.standing.get(user.username);
    return s !== undefined && (s.disabled || (user.epoch ?? 0) < s.epoch);
  }

  /** What a command of this process left the account as (revision: the stream's after it). */
  note(account: UserAccount, revision: number): void {
    const known = this.standing.get(account.username);
    if (known && known.revision >= revision) return;
    this.standing.set(account.username, { disabled: account.disabled, epoch: account.sessionEpoch, revision });
  }

  /** Ready once everything already in the log is known. */
  async onModuleInit(): Promise<void> {
    await new Promise<void>((resolve) => this.follow(resolve));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.subscription?.stop();
  }

  private follow(caughtUp: () => void): void {
    const subscription = this.events.subscribeToAll({
      ...(this.position !== undefined && { after: this.position }),
      filter: { streamPrefixes: ['user-'], eventTypes: SESSION_EVENTS },
      onCaughtUp: caughtUp,
    });
    this.subscription = subscription;
    void (async () => {
      for await (const event of subscription) {
        this.apply(event);
        this.position = event.position;
      }
    })().catch((err: unknown) => {
      if (this.stopped) return;
      this.logger.error(`session feed failed, resuming in 1 s: ${err instanceof Error ? err.message : String(err)}`);
      setTimeout(() => this.stopped || this.follow(caughtUp), 1000).unref();
    });
  }

  private apply(event: RecordedEvent): void {
    const username = event.streamId.slice('user-'.length);
    const known = this.standing.get(username) ?? { disabled: false, epoch: 0, revision: -1 };
    if (event.revision <= known.revision) return;
    // The account's own evolve decides what each event does to the epoch, so the two cannot disagree.
    const before = {
      exists: true as const,
      data: { disabled: known.disabled, sessionEpoch: known.epoch } as UserAccount,
    };
    const after = userDecider.evolve(before, event as unknown as UserEvent);
    const data = after.exists ? after.data : before.data;
    this.standing.set(username, { disabled: data.disabled, epoch: data.sessionEpoch, revision: event.revision });
  }
}
