import { Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundException } from '@nestjs/common';
import { ResultOf, OrderTraceability } from '@gx/application';

/** The traceability page of a handed-over order */
export class TraceabilityTraceQuery extends Query<ResultOf<TraceabilityTraceHandler>> {
  constructor(readonly token: string) {
    super();
  }
}

@QueryHandler(TraceabilityTraceQuery)
export class TraceabilityTraceHandler {
  constructor(private readonly traceability: OrderTraceability) {}

  async execute({ token }: { token: string }) {
    const trace = await this.traceability.trace(token);
    if (!trace) throw new NotFoundException('no order has this trace token');
    return trace;
  }
}

/** Where a campaign’s goods come from */
export class TraceabilityOriginQuery extends Query<ResultOf<TraceabilityOriginHandler>> {
  constructor(readonly id: string) {
    super();
  }
}

@QueryHandler(TraceabilityOriginQuery)
export class TraceabilityOriginHandler {
  constructor(private readonly traceability: OrderTraceability) {}

  async execute({ id }: { id: string }) {
    const origin = await this.traceability.origin(id);
    if (!origin) throw new NotFoundException(`no campaign ${id}`);
    return origin;
  }
}

/** The handlers of the queries of traceability.controller.ts, registered in the app module. */
export const TRACEABILITY_QUERY_HANDLERS = [TraceabilityTraceHandler, TraceabilityOriginHandler];
