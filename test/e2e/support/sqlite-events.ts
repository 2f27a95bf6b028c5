import type Database from 'better-sqlite3';
import { SqliteEventStore, UpcastingEventStore, type EventStore } from '@gx/eventstore';

/** The embedded event store's own SQLite connection, on which tests make store faults. */
export function sqliteEvents(events: EventStore): Database.Database {
  const inner = events instanceof UpcastingEventStore ? events.inner : events;
  if (!(inner instanceof SqliteEventStore)) throw new Error('not the embedded event store');
  return inner.connection;
}
