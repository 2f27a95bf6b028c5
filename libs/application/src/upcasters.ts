import type { DeliveryEvent } from '@gx/domain';
import type { Upcaster } from '@gx/eventstore';

type ReceivedLine = Extract<DeliveryEvent, { type: 'DeliveryReceived' }>['data']['lines'][number];

/**
 * DeliveryReceived 1 → 2: a line's `qualityBase` (base units refused for their quality) was left out when
 * it was 0, and on every line received before quality claims existed; version 2 always carries it.
 */
export const deliveryReceivedV1toV2: Upcaster = {
  type: 'DeliveryReceived',
  fromVersion: 1,
  upcast(data) {
    const v1 = data as { lines: Array<Omit<ReceivedLine, 'qualityBase'> & { qualityBase?: number }> };
    return { ...v1, lines: v1.lines.map((line) => ({ ...line, qualityBase: line.qualityBase ?? 0 })) };
  },
};

/**
 * Upcasters of old event schema versions, applied on every read (streams, the log, subscriptions). Event
 * types are never renamed: when an event's data changes shape, its decider's `schemaVersions` names the new
 * version and an upcaster from the previous one is added here.
 */
export const UPCASTERS: Upcaster[] = [deliveryReceivedV1toV2];
