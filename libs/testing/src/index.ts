export * from './decider-spec';
export { startMongoWire, type MongoWire } from './mongo-wire/mongo-wire';
export { startEsdbFake, type EsdbFake, type EsdbFakeOptions } from './esdb-fake/esdb-fake';
