import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@gx/eventstore';
import {
  DOCUMENT_STORE,
  SubscriberStatusReader,
  type DocumentStore,
  type Projection,
  type SubscriberKind,
  type SubscriberOverview,
} from '@gx/readstore';
import { DomainError } from '@gx/domain';
import { Declarations } from '../kernel/declarations';

/** Collection of rebuild requests: operators ask, the worker holding the projection's lease performs. */
export const REBUILD_REQUESTS = '_projection_rebuilds';

/** A rebuild asked for by an operator and its progress. */
export interface RebuildRequest {
  _id: string;
  name: string;
  requestedAt: string;
  requestedBy: string;
  state: 'requested' | 'running' | 'done' | 'failed';
  finishedAt?: string;
  error?: string;
  [field: string]: unknown;
}

/** One line of `GET /projections`: a projection (with its code version and last rebuild) or a process manager. */
export interface SubscriberAdminStatus extends SubscriberOverview {
  version?: number;
  lastRebuild?: Pick<RebuildRequest, 'state' | 'requestedAt' | 'requestedBy' | 'finishedAt' | 'error'>;
}

/**
 * Status of every projection and process manager, and rebuild requests, for operators. Works in
 * any app: everything comes from the stores (leases, checkpoints, the workers' status documents).
 */
@Injectable()
export class ProjectionAdmin {
  private readonly reader: SubscriberStatusReader;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    private readonly declarations: Declarations,
  ) {
    this.reader = new SubscriberStatusReader(events, store);
  }

  /** Every declared projection (discovered in the areas' modules), in name order. */
  private get projections(): Projection[] {
    return this.declarations.projections();
  }

  async status(): Promise<SubscriberAdminStatus[]> {
    const [head, managers, requests] = await Promise.all([
      this.events.headPosition(),
      this.reader.processManagers(),
      this.store.find<RebuildRequest>(REBUILD_REQUESTS),
    ]);
    const projections = await Promise.all(this.projections.map((p) => this.projectionStatus(p, head, requests)));
    const processManagers = await Promise.all(managers.map((name) => this.reader.read('process-manager', name, head)));
    return [...projections, ...processManagers];
  }

  /** The status of the projection or process manager called `name`; NOT_FOUND when there is none. */
  async one(name: string): Promise<SubscriberAdminStatus> {
    const head = await this.events.headPosition();
    const projection = this.projections.find((p) => p.name === name);
    if (projection)
      return this.projectionStatus(projection, head, await this.store.find<RebuildRequest>(REBUILD_REQUESTS, { name }));
    if ((await this.reader.processManagers()).includes(name)) return this.reader.read('process-manager', name, head);
    throw new DomainError('NOT_FOUND', `no projection or process manager ${name}`, 'name');
  }

  /** Ask the worker to rebuild `name`; answered at once, progress shows in {@link status}. */
  async requestRebuild(name: string, actor: string, now: Date): Promise<RebuildRequest> {
    if (!this.projections.some((p) => p.name === name))
      throw new DomainError('NOT_FOUND', `no projection ${name}`, 'name');
    const current = await this.store.get<RebuildRequest>(REBUILD_REQUESTS, name);
    if (current && (current.state === 'requested' || current.state === 'running')) return current;
    const request: RebuildRequest = {
      _id: name,
      name,
      requestedAt: now.toISOString(),
      requestedBy: actor,
      state: 'requested',
    };
    await this.store.write({ ops: [{ kind: 'put', collection: REBUILD_REQUESTS, doc: request }] });
    return request;
  }

  private async projectionStatus(
    projection: Projection,
    head: string,
    requests: RebuildRequest[],
  ): Promise<SubscriberAdminStatus> {
    const kind: SubscriberKind = 'projection';
    const status = await this.reader.read(kind, projection.name, head);
    const request = requests.find((r) => r.name === projection.name);
    const lastRebuild = request && {
      state: request.state,
      requestedAt: request.requestedAt,
      requestedBy: request.requestedBy,
      finishedAt: request.finishedAt,
      error: request.error,
    };
    return { ...status, version: projection.version, ...(lastRebuild ? { lastRebuild } : {}) };
  }
}
