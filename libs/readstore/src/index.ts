export * from './document-store.port';
export * from './projection';
export * from './projector';
export * from './read-models';
export * from './process-managers';
export { SqliteDocumentStore } from './sqlite/sqlite-document-store';
export * from './deadlines';
export * from './integrity';
export { MongoDocumentStore, type MongoDocumentStoreOptions } from './mongo/mongo-document-store';
