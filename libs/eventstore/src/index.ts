export * from './event-store.port';
export * from './command-runner';
