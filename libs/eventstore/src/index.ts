export * from './event-store.port';
export * from './command-runner';
export * from './upcasting';
export { SqliteEventStore, DuplicateEventIdError, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { EsdbEventStore } from './esdb/esdb-event-store';
export { newEventId } from './event-id';
export * from './store-faults';
