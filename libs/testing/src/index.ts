export * from './decider-spec';
export * from './prototype-keys';
export { startMongoWire, type MongoWire } from './mongo-wire/mongo-wire';
export { startEsdbFake, type EsdbFake, type EsdbFakeOptions } from './esdb-fake/esdb-fake';
export {
  startStripeFake,
  injectTarget,
  type StripeFake,
  type StripeFakeOptions,
  type FakeEvent,
  type FakeIntent,
  type FakeRefund,
  type FakeRequest,
  type WebhookDelivery,
  type WebhookTarget,
  type OutgoingWebhook,
  type WebhookResponse,
} from './stripe-fake/stripe-fake';
