import {
  evolveDesignatedCounty,
  initialDesignatedCountyState,
  type DesignatedCountyEvent,
  type DesignatedCountyState,
  evolveContractDoc,
  evolveDeliveryDoc,
  evolveStandingOrderDoc,
  evolveStatementPaymentsDoc,
  standingCutoffOf,
  statementPaymentsId,
  type ContractDoc,
  type ContractEvent,
  type DeliveryDoc,
  type DeliveryEvent,
  type StandingOrderDoc,
  type StandingOrderEvent,
  type StatementEvent,
  type StatementPaymentsDoc,
} from '@gx/domain';
import type { RecordedEvent } from '@gx/eventstore';
import { deadlineReadModel, type Doc, type Projection, type ReadModel } from '@gx/readstore';
import { eventNarrower } from '../kernel/event-narrowing';
import { KITCHEN_DEADLINE_IDS } from './kitchen.ids';
import { DeclareProjection } from '../kernel/declarations';

/** Collections of the kitchen projection. */
export const KITCHEN = {
  contracts: 'kitchen_contracts',
  standingOrders: 'standing_orders',
  deliveries: 'kitchen_deliveries',
  payments: 'kitchen_statement_payments',
  /** Counties as designated (or no longer) poverty-alleviation counties, one document per county. */
  designatedCounties: 'designated_counties',
  /** Deadlines: one per standing order, due at its next delivery's cut-off. */
  cutoffs: 'kitchen_cutoffs',
} as const;

/** Deadline kind of a standing order's cut-off. */
export const STANDING_CUTOFF = 'kitchen.standing-cutoff';

/** Payload of a {@link STANDING_CUTOFF} deadline. */
export interface StandingCutoffPayload {
  standingOrderId: string;
  date: string;
}

// Records, so that a new event type of the union cannot be forgotten here.
const CONTRACT_TYPES: Record<ContractEvent['type'], true> = {
  ContractCreated: true,
  ContractQuantityCommitted: true,
  ContractQuantitySettled: true,
};
const STANDING_TYPES: Record<StandingOrderEvent['type'], true> = {
  StandingOrderPlaced: true,
  StandingDateSkipped: true,
  StandingDateChanged: true,
  StandingOrderPaused: true,
  StandingOrderResumed: true,
  StandingOrderEnded: true,
  StandingDeliveryDue: true,
  StandingDeliveryLapsed: true,
};
const DELIVERY_TYPES: Record<DeliveryEvent['type'], true> = {
  DeliveryCreated: true,
  DeliveryLineReserved: true,
  DeliverySubstituteAccepted: true,
  DeliveryShortageDismissed: true,
  DeliveryDispatched: true,
  DeliveryCancelled: true,
  DeliveryLineIssued: true,
  DeliveryLineIssueBlocked: true,
  DeliverySubstituteDecided: true,
  DeliveryReceived: true,
};
const COUNTY_TYPES: Record<DesignatedCountyEvent['type'], true> = {
  CountyDesignated: true,
  CountyDesignationWithdrawn: true,
};
const STATEMENT_TYPES: Record<StatementEvent['type'], true> = { StatementPaymentRecorded: true };

const asContract = eventNarrower<ContractEvent>('contract-', CONTRACT_TYPES);
/** Narrowers of recorded events to the kitchen's unions (the fulfilment process manager routes with them too). */
export const asStanding = eventNarrower<StandingOrderEvent>('standing-', STANDING_TYPES);
export const asDelivery = eventNarrower<DeliveryEvent>('delivery-', DELIVERY_TYPES);
const asStatement = eventNarrower<StatementEvent>('statement-', STATEMENT_TYPES);
const asCounty = eventNarrower<DesignatedCountyEvent>('county-', COUNTY_TYPES);

/** Read model `designated_counties`: a county's designation as it stands. */
export type DesignatedCountyDoc = { _id: string } & DesignatedCountyState;

/** A read model over one kitchen event union, one document per id the event names. */
function kitchenModel<E, D extends Doc>(
  collection: string,
  indexes: ReadModel['indexes'],
  as: (event: RecordedEvent) => E | undefined,
  idOf: (e: E) => string,
  evolve: (doc: D | null, e: E) => D | null,
): ReadModel {
  return {
    collection,
    indexes,
    ids: (event) => {
      const e = as(event);
      return e === undefined ? [] : [idOf(e)];
    },
    evolve: (doc, event) => {
      const e = as(event);
      // Documents are plain JSON of D: the projector stores what evolve returned.
      return e === undefined ? doc : evolve(doc as D | null, e);
    },
  };
}

/** Contracts, standing orders, deliveries, statement payments and the cut-off deadlines of standing orders. */
export const kitchenProjection: Projection = {
  name: 'kitchen',
  // 2: substitute decisions, batch sources and quality claims on deliveries; designated counties.
  version: 2,
  filter: {
    streamPrefixes: ['contract-', 'standing-', 'delivery-', 'statement-', 'county-'],
    eventTypes: [
      ...Object.keys(CONTRACT_TYPES),
      ...Object.keys(STANDING_TYPES),
      ...Object.keys(DELIVERY_TYPES),
      ...Object.keys(STATEMENT_TYPES),
      ...Object.keys(COUNTY_TYPES),
    ],
  },
  readModels: [
    kitchenModel<ContractEvent, ContractDoc>(
      KITCHEN.contracts,
      [
        {
          fields: [
            ['kitchen', 1],
            ['from', -1],
          ],
        },
        { fields: [['from', -1]] },
      ],
      asContract,
      (e) => e.data.contractId,
      evolveContractDoc,
    ),
    kitchenModel<StandingOrderEvent, StandingOrderDoc>(
      KITCHEN.standingOrders,
      [
        {
          fields: [
            ['kitchen', 1],
            ['placedAt', -1],
          ],
        },
        { fields: [['placedAt', -1]] },
      ],
      asStanding,
      (e) => e.data.standingOrderId,
      evolveStandingOrderDoc,
    ),
    kitchenModel<DeliveryEvent, DeliveryDoc>(
      KITCHEN.deliveries,
      [
        {
          fields: [
            ['kitchen', 1],
            ['date', 1],
          ],
        },
        {
          fields: [
            ['kitchen', 1],
            ['month', 1],
          ],
        },
        { fields: [['date', 1]] },
        {
          fields: [
            ['openShortages', 1],
            ['date', 1],
          ],
        },
      ],
      asDelivery,
      (e) => e.data.deliveryId,
      evolveDeliveryDoc,
    ),
    kitchenModel<StatementEvent, StatementPaymentsDoc>(
      KITCHEN.payments,
      [
        {
          fields: [
            ['kitchen', 1],
            ['month', 1],
          ],
        },
      ],
      asStatement,
      (e) => statementPaymentsId(e.data.kitchen, e.data.month),
      evolveStatementPaymentsDoc,
    ),
    kitchenModel<DesignatedCountyEvent, DesignatedCountyDoc>(
      KITCHEN.designatedCounties,
      [{ fields: [['designated', 1]] }],
      asCounty,
      (e) => e.data.county,
      (doc, e) => {
        const { _id: _ignored, ...state } = doc ?? { _id: '', ...initialDesignatedCountyState };
        return { _id: e.data.county, ...evolveDesignatedCounty(state, e) };
      },
    ),
    deadlineReadModel(KITCHEN.cutoffs, (event) => {
      const e = asStanding(event);
      const cutoff = e && standingCutoffOf(e);
      if (!cutoff) return [];
      const { standingOrderId, next } = cutoff;
      const id = KITCHEN_DEADLINE_IDS.standingCutoff(standingOrderId);
      if (!next) return [{ id, deadline: null }];
      const payload: StandingCutoffPayload = { standingOrderId, date: next.date };
      return [{ id, deadline: { dueAt: next.cutoffAt, kind: STANDING_CUTOFF, payload } }];
    }),
  ],
};

/** Declares {@link kitchenProjection} (run by the worker, administered under `/projections`, checked by `/integrity`). */
@DeclareProjection()
export class KitchenProjection {
  readonly projection = kitchenProjection;
}
