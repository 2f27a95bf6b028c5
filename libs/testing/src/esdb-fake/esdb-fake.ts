/**
 * An in-process EventStoreDB double for tests: a `@grpc/grpc-js` server built from the service
 * definitions that `@eventstore/db-client` ships, speaking the wire protocol of a single insecure
 * node. Connect with `esdb://127.0.0.1:<port>?tls=false`.
 */
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { appendHandler, batchAppendHandler } from './append-service';
import { FakeLog, seedSystemEvents } from './fake-log';
import { readHandler } from './read-service';

/** Options of {@link startEsdbFake}. */
export interface EsdbFakeOptions {
  /** Advertise and serve BatchAppend, as real nodes since 21.10 do (default true). */
  batchAppend?: boolean;
  /** Largest append in bytes of data, metadata and type (default 1 MiB, a real node's default). */
  maxAppendSize?: number;
  /** Log position of the first record, e.g. beyond 2^53 to prove positions are kept exactly (default 512). */
  firstPosition?: bigint;
}

/** A running fake; `stop()` drops every connection, as a node that shuts down does. */
export interface EsdbFake {
  /** Connection string for `EventStoreDBClient.connectionString`. */
  url: string;
  /** How often each RPC was called, by method name (`read`, `append`, `batchAppend`, `getSupportedMethods`). */
  calls(): Record<string, number>;
  stop(): Promise<void>;
}

/** The version the fake claims: new enough for CaughtUp messages and positions on stream reads. */
const SERVER_VERSION = '24.10.0';
const STREAMS = 'event_store.client.streams.streams';

function supportedMethods(batchAppend: boolean): SupportedMethods {
  const method = (service: string, name: string, features: string[] = []): SupportedMethod =>
    new SupportedMethod().setServiceName(service).setMethodName(name).setFeaturesList(features);
  const methods = [
    method(STREAMS, 'read', ['position', 'events']),
    method(STREAMS, 'append'),
    ...(batchAppend ? [method(STREAMS, 'batchappend', ['deadline_duration'])] : []),
    method('event_store.client.server_features.serverfeatures', 'getsupportedmethods'),
  ];
  return new SupportedMethods().setEventStoreServerVersion(SERVER_VERSION).setMethodsList(methods);
}

/** Starts a fake node on 127.0.0.1 with a random port, seeded with a fresh node's system events. */
export async function startEsdbFake(options: EsdbFakeOptions = {}): Promise<EsdbFake> {
  const batchAppend = options.batchAppend ?? true;
  const maxAppendSize = options.maxAppendSize ?? 1024 * 1024;
  const log = new FakeLog(options.firstPosition);
  seedSystemEvents(log, randomUUID);
  const calls: Record<string, number> = {};
  const counted = <H extends (...args: never[]) => void>(name: string, handler: H): H =>
    ((...args: Parameters<H>) => {
      calls[name] = (calls[name] ?? 0) + 1;
      handler(...args);
    }) as H;
  const openReads = new Set<() => void>();
  const registerStop = (stop: () => void): (() => void) => {
    openReads.add(stop);
    return () => openReads.delete(stop);
  };

  const server = new grpc.Server();
  // Methods left out here answer UNIMPLEMENTED, as they would on a node without them.
  server.addService(StreamsService, {
    read: counted('read', readHandler(log, registerStop)),
    append: counted('append', appendHandler(log, maxAppendSize)),
    ...(batchAppend ? { batchAppend: counted('batchAppend', batchAppendHandler(log, maxAppendSize)) } : {}),
  });
  const getSupportedMethods: grpc.handleUnaryCall<unknown, SupportedMethods> = (_call, callback) =>
    callback(null, supportedMethods(batchAppend));
  server.addService(ServerFeaturesService, {
    getSupportedMethods: counted('getSupportedMethods', getSupportedMethods),
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    );
  });

  let stopped = false;
  return {
    url: `esdb://127.0.0.1:${port}?tls=false`,
    calls: () => ({ ...calls }),
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const stopRead of [...openReads]) stopRead();
      server.forceShutdown();
    },
  };
}
