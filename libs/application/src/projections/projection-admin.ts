import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@gx/eventstore';
import { DOCUMENT_STORE, Projector, type DocumentStore } from '@gx/readstore';
import { DomainError } from '@gx/domain';
import { ALL_PROJECTIONS } from '../projections';

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

/** Projection status and rebuild requests for operators (works in any app: all state is in the stores). */
@Injectable()
export class ProjectionAdmin {
  /** Never started: used only to read status from the store. */
  private readonly observer: Projector;

  constructor(
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
  ) {
    this.observer = new Projector({ events, store, projections: ALL_PROJECTIONS });
  }

  async status() {
    const [statuses, requests] = await Promise.all([this.observer.status(), this.store.find<RebuildRequest>(REBUILD_REQUESTS)]);
    const byName = new Map(requests.map((r) => [r.name, r]));
    return statuses.map((s) => {
      const request = byName.get(s.name);
      return { ...s, lastRebuild: request && { state: request.state, requestedAt: request.requestedAt, requestedBy: request.requestedBy, finishedAt: request.finishedAt, error: request.error } };
    });
  }

  /** Ask the worker to rebuild `name`; answered at once, progress shows in {@link status}. */
  async requestRebuild(name: string, actor: string, now: Date): Promise<RebuildRequest> {
    if (!ALL_PROJECTIONS.some((p) => p.name === name)) throw new DomainError('NOT_FOUND', `no projection ${name}`, 'name');
    const current = await this.store.get<RebuildRequest>(REBUILD_REQUESTS, name);
    if (current && (current.state === 'requested' || current.state === 'running')) return current;
    const request: RebuildRequest = { _id: name, name, requestedAt: now.toISOString(), requestedBy: actor, state: 'requested' };
    await this.store.write({ ops: [{ kind: 'put', collection: REBUILD_REQUESTS, doc: request }] });
    return request;
  }
}
