/**
 * `Streams.Read` of the EventStoreDB fake: reads of one stream or of `$all` (forwards/backwards,
 * counts, filters) and catch-up subscriptions (confirmation, catch-up, checkpoints, caught-up, live).
 */
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { FakeLog, StoredRecord } from './fake-log';
import { Sender } from './read-sender';
import { BadRequest, readEventResponse, readStreamName, streamIdentifier } from './wire';

type ReadCall = grpc.ServerWritableStream<ReadReq, ReadResp>;
type Options = ReadReq.Options;

/** A real node reads `$all` in pages of 32 records when the client sets no search window. */
const DEFAULT_SEARCH_WINDOW = 32;

/** A compiled server-side filter of a `$all` read or subscription. */
interface RecordFilter {
  matches(record: StoredRecord): boolean;
  /** Records considered per catch-up page. */
  window: number;
  /** Considered records between two checkpoints: multiplier × window. */
  checkpointInterval: number;
}

/** Builds the handler; `registerStop` lets the server end open subscriptions when it stops. */
export function readHandler(
  log: FakeLog,
  registerStop: (stop: () => void) => () => void,
): grpc.handleServerStreamingCall<ReadReq, ReadResp> {
  return (call) => {
    const sender = new Sender(call, registerStop);
    serve(log, call, sender).then(
      () => {
        if (sender.open) call.end();
        sender.close();
      },
      (err: unknown) => {
        const code = err instanceof BadRequest ? grpc.status.INVALID_ARGUMENT : grpc.status.INTERNAL;
        if (sender.open) call.emit('error', { code, details: err instanceof Error ? err.message : String(err) });
        sender.close();
      },
    );
  };
}

async function serve(log: FakeLog, call: ReadCall, sender: Sender): Promise<void> {
  const options = call.request.getOptions();
  if (options === undefined) throw new BadRequest('read without options');
  const structured = options.getUuidOption()?.hasStructured() ?? false;
  const filter = options.hasFilter() ? compileFilter(options.getFilter() as ReadReq.Options.FilterOptions) : undefined;
  const subscribing = options.getCountOptionCase() === ReadReq.Options.CountOptionCase.SUBSCRIPTION;
  const send = (record: StoredRecord): Promise<boolean> => sender.send(readEventResponse(record, structured));
  if (options.hasStream()) {
    if (filter) throw new BadRequest('filters apply to $all only');
    return subscribing ? subscribeToStream(log, options, sender, send) : readStream(log, options, sender, send);
  }
  if (!options.hasAll()) throw new BadRequest('read of neither a stream nor $all');
  return subscribing ? subscribeToAll(log, options, filter, sender, send) : readAll(log, options, filter, send);
}

function compileFilter(options: ReadReq.Options.FilterOptions): RecordFilter {
  const onStream = options.hasStreamIdentifier();
  const expression = onStream ? options.getStreamIdentifier() : options.getEventType();
  if (expression === undefined) throw new BadRequest('filter without expression');
  const regex = expression.getRegex();
  const prefixes = expression.getPrefixList();
  let test: (value: string) => boolean;
  if (regex) {
    let compiled: RegExp;
    try {
      compiled = new RegExp(regex);
    } catch {
      throw new BadRequest(`invalid filter regex ${JSON.stringify(regex)}`);
    }
    test = (value) => compiled.test(value);
  } else {
    test = (value) => prefixes.some((prefix) => value.startsWith(prefix));
  }
  const window = options.hasMax() ? options.getMax() : DEFAULT_SEARCH_WINDOW;
  const multiplier = options.getCheckpointintervalmultiplier();
  if (window <= 0 || multiplier <= 0) throw new BadRequest('search window and checkpoint interval must be positive');
  return {
    matches: (record) => test(onStream ? record.streamId : record.type),
    window,
    checkpointInterval: window * multiplier,
  };
}

async function readStream(
  log: FakeLog,
  options: Options,
  sender: Sender,
  send: (r: StoredRecord) => Promise<boolean>,
): Promise<void> {
  const streamOptions = options.getStream() as ReadReq.Options.StreamOptions;
  const name = readStreamName(streamOptions.getStreamIdentifier());
  const records = log.stream(name);
  if (records === undefined) {
    const notFound = new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(name));
    await sender.send(new ReadResp().setStreamNotFound(notFound));
    return;
  }
  let count = BigInt(options.getCount());
  const last = records.length - 1;
  const Case = ReadReq.Options.StreamOptions.RevisionOptionCase;
  const forwards = options.getReadDirection() === ReadReq.Options.ReadDirection.FORWARDS;
  const revision =
    streamOptions.getRevisionOptionCase() === Case.REVISION ? Number(BigInt(streamOptions.getRevision())) : undefined;
  const caseStart = streamOptions.getRevisionOptionCase() === Case.START;
  let index = forwards ? (revision ?? (caseStart ? 0 : last + 1)) : Math.min(revision ?? (caseStart ? 0 : last), last);
  while (count > 0n && index >= 0 && index <= last) {
    if (!(await send(records[index] as StoredRecord))) return;
    count -= 1n;
    index += forwards ? 1 : -1;
  }
}

async function readAll(
  log: FakeLog,
  options: Options,
  filter: RecordFilter | undefined,
  send: (r: StoredRecord) => Promise<boolean>,
): Promise<void> {
  const all = options.getAll() as ReadReq.Options.AllOptions;
  const Case = ReadReq.Options.AllOptions.AllOptionCase;
  const forwards = options.getReadDirection() === ReadReq.Options.ReadDirection.FORWARDS;
  const from = all.getAllOptionCase();
  const position = BigInt(all.getPosition()?.getCommitPosition() ?? '0');
  // Forwards from a position includes the record there; backwards delivers only records before it.
  let index = forwards
    ? from === Case.START
      ? 0
      : from === Case.END
        ? log.length
        : log.indexAtOrAfter(position)
    : from === Case.START
      ? -1
      : from === Case.END
        ? log.length - 1
        : log.indexAtOrAfter(position) - 1;
  let count = BigInt(options.getCount());
  while (count > 0n && index >= 0 && index < log.length) {
    const record = log.recordAt(index);
    index += forwards ? 1 : -1;
    if (filter && !filter.matches(record)) continue;
    if (!(await send(record))) return;
    count -= 1n;
  }
}

async function confirm(sender: Sender): Promise<boolean> {
  const confirmation = new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID());
  return sender.send(new ReadResp().setConfirmation(confirmation));
}

/**
 * Like a real node: a start position is exclusive (the node reads one record from it and continues
 * after that one), catch-up runs in pages of the search window with a checkpoint whenever the
 * considered count reaches the interval (never at the end of the log), then CaughtUp, then live
 * events with a checkpoint every interval of considered records.
 */
async function subscribeToAll(
  log: FakeLog,
  options: Options,
  filter: RecordFilter | undefined,
  sender: Sender,
  send: (r: StoredRecord) => Promise<boolean>,
): Promise<void> {
  const all = options.getAll() as ReadReq.Options.AllOptions;
  const Case = ReadReq.Options.AllOptions.AllOptionCase;
  let cursor = 0;
  if (all.getAllOptionCase() === Case.END) cursor = log.length;
  if (all.getAllOptionCase() === Case.POSITION) {
    cursor = Math.min(log.indexAtOrAfter(BigInt(all.getPosition()?.getCommitPosition() ?? '0')) + 1, log.length);
  }
  if (!(await confirm(sender))) return;
  const window = filter?.window ?? DEFAULT_SEARCH_WINDOW;
  let considered = 0;
  let live = false;
  const checkpoint = (position: bigint): Promise<boolean> => {
    const message = new ReadResp.Checkpoint()
      .setCommitPosition(position.toString())
      .setPreparePosition(position.toString());
    return sender.send(new ReadResp().setCheckpoint(message));
  };
  for (;;) {
    if (cursor < log.length) {
      const pageStart = log.recordAt(cursor).position;
      const pageEnd = live ? cursor + 1 : Math.min(log.length, cursor + window);
      let lastMatch: bigint | undefined;
      for (; cursor < pageEnd; cursor++) {
        const record = log.recordAt(cursor);
        considered += 1;
        if (filter && !filter.matches(record)) continue;
        if (!(await send(record))) return;
        lastMatch = record.position;
      }
      if (filter && considered >= filter.checkpointInterval && (live || cursor < log.length)) {
        considered %= filter.checkpointInterval;
        if (!(await checkpoint(live ? log.recordAt(cursor - 1).position : (lastMatch ?? pageStart)))) return;
      }
      continue;
    }
    if (!live) {
      live = true;
      if (!(await sender.send(new ReadResp().setCaughtUp(new ReadResp.CaughtUp())))) return;
    }
    if (!(await sender.nextAppend(log))) return;
  }
}

/** Stream subscriptions: exclusive start revision, CaughtUp (also for a stream that does not exist yet), then live. */
async function subscribeToStream(
  log: FakeLog,
  options: Options,
  sender: Sender,
  send: (r: StoredRecord) => Promise<boolean>,
): Promise<void> {
  const streamOptions = options.getStream() as ReadReq.Options.StreamOptions;
  const name = readStreamName(streamOptions.getStreamIdentifier());
  const Case = ReadReq.Options.StreamOptions.RevisionOptionCase;
  let next = 0;
  if (streamOptions.getRevisionOptionCase() === Case.END) next = log.stream(name)?.length ?? 0;
  if (streamOptions.getRevisionOptionCase() === Case.REVISION) next = Number(BigInt(streamOptions.getRevision())) + 1;
  if (!(await confirm(sender))) return;
  let live = false;
  for (;;) {
    const records = log.stream(name) ?? [];
    for (; next < records.length; next++) if (!(await send(records[next] as StoredRecord))) return;
    if (!live) {
      live = true;
      if (!(await sender.send(new ReadResp().setCaughtUp(new ReadResp.CaughtUp())))) return;
    }
    if (!(await sender.nextAppend(log))) return;
  }
}
