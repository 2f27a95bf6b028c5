import type { Upcaster } from '@gx/eventstore';

/**
 * Upcasters of old event schema versions, applied on every read. Event types are never renamed:
 * when an event's data changes shape, its schema version goes up and an upcaster is added here.
 */
export const UPCASTERS: Upcaster[] = [];
