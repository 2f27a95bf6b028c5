/**
 * `Streams.Append` and `Streams.BatchAppend` of the EventStoreDB fake, answering like a real node:
 * a failed revision check is an `AppendResp.wrong_expected_version` on Append and a
 * `google.rpc.Status` carrying `WrongExpectedVersion` details on BatchAppend.
 */
import * as grpc from '@grpc/grpc-js';
import { Empty as GoogleEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import {
  AllStreamPosition,
  BadRequest as BadRequestDetails,
  Empty,
  MaximumAppendSizeExceeded,
  type UUID,
} from '@eventstore/db-client/generated/shared_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { AppendOutcome, ExpectedState, FakeLog, ProposedEvent } from './fake-log';
import {
  BadRequest,
  packedStatus,
  readExpected,
  readStreamName,
  readUuid,
  streamIdentifier,
  toProposedEvent,
  wrongExpectedVersionStatus,
} from './wire';

const positionOf = (position: bigint): AllStreamPosition =>
  new AllStreamPosition().setCommitPosition(position.toString()).setPreparePosition(position.toString());

/** How a real node counts an event against its maximum append size (data, metadata and type). */
const sizeOf = (event: ProposedEvent): number => event.data.length + event.metadata.length + 2 * event.type.length;

/** Builds the client-streaming Append handler. */
export function appendHandler(
  log: FakeLog,
  maxAppendSize: number,
): grpc.handleClientStreamingCall<AppendReq, AppendResp> {
  return (call, callback) => {
    let target: { stream: string; expected: ExpectedState } | undefined;
    const events: ProposedEvent[] = [];
    let failure: string | undefined;
    call.on('data', (request: AppendReq) => {
      if (failure !== undefined) return;
      try {
        const options = request.getOptions();
        const message = request.getProposedMessage();
        if (options !== undefined) {
          const revision = options.hasRevision() ? options.getRevision() : undefined;
          target = { stream: readStreamName(options.getStreamIdentifier()), expected: readExpected(options, revision) };
        } else if (message !== undefined && target !== undefined) {
          events.push(toProposedEvent(message));
        } else {
          throw new BadRequest('append message before its options');
        }
      } catch (err) {
        failure = err instanceof Error ? err.message : String(err);
      }
    });
    call.on('end', () => {
      if (failure !== undefined || target === undefined) {
        callback({ code: grpc.status.INVALID_ARGUMENT, details: failure ?? 'append without options' });
        return;
      }
      if (events.reduce((total, event) => total + sizeOf(event), 0) > maxAppendSize) {
        const metadata = new grpc.Metadata();
        metadata.set('exception', 'maximum-append-size-exceeded');
        metadata.set('maximum-append-size', String(maxAppendSize));
        callback({
          code: grpc.status.INVALID_ARGUMENT,
          details: `Maximum Append Size of ${maxAppendSize} Exceeded.`,
          metadata,
        });
        return;
      }
      callback(null, toAppendResp(log.append(target.stream, events, target.expected)));
    });
  };
}

function toAppendResp(outcome: AppendOutcome): AppendResp {
  if (outcome.ok) {
    const success = new AppendResp.Success();
    if (outcome.current === undefined) success.setNoStream(new Empty());
    else success.setCurrentRevision(outcome.current.toString());
    if (outcome.position === undefined) success.setNoPosition(new Empty());
    else
      success.setPosition(
        new AppendResp.Position()
          .setCommitPosition(outcome.position.toString())
          .setPreparePosition(outcome.position.toString()),
      );
    return new AppendResp().setSuccess(success);
  }
  const wrong = new AppendResp.WrongExpectedVersion();
  if (outcome.current === undefined) wrong.setCurrentNoStream(new Empty());
  else wrong.setCurrentRevision(outcome.current.toString());
  const expected = outcome.expected;
  if (expected.kind === 'any') wrong.setExpectedAny(new Empty());
  else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
  else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
  else wrong.setExpectedRevision(expected.revision.toString());
  return new AppendResp().setWrongExpectedVersion(wrong);
}

interface PendingWrite {
  stream: string;
  expected: ExpectedState;
  events: ProposedEvent[];
  size: number;
}

/**
 * Builds the bidirectional BatchAppend handler. One call carries many appends, told apart by
 * correlation id; the first request of an append has its options, the one marked final completes it.
 */
export function batchAppendHandler(
  log: FakeLog,
  maxAppendSize: number,
): grpc.handleBidiStreamingCall<BatchAppendReq, BatchAppendResp> {
  return (call) => {
    const pending = new Map<string, PendingWrite>();
    const respond = (
      correlation: UUID | undefined,
      stream: string,
      fill: (response: BatchAppendResp) => void,
    ): void => {
      if (call.cancelled || !call.writable) return;
      const response = new BatchAppendResp().setStreamIdentifier(streamIdentifier(stream));
      if (correlation !== undefined) response.setCorrelationId(correlation);
      fill(response);
      call.write(response);
    };
    call.on('data', (request: BatchAppendReq) => {
      const correlation = request.getCorrelationId();
      let stream = '';
      try {
        const id = readUuid(correlation);
        const options = request.getOptions();
        if (options !== undefined) {
          const revision = options.hasStreamPosition() ? options.getStreamPosition() : undefined;
          pending.set(id, {
            stream: readStreamName(options.getStreamIdentifier()),
            expected: readExpected(options, revision),
            events: [],
            size: 0,
          });
        }
        const write = pending.get(id);
        if (write === undefined) return;
        stream = write.stream;
        for (const message of request.getProposedMessagesList()) {
          const event = toProposedEvent(message);
          write.events.push(event);
          write.size += sizeOf(event);
        }
        if (write.size > maxAppendSize) {
          pending.delete(id);
          const details = new MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize);
          const status = packedStatus(
            details,
            'event_store.client.MaximumAppendSizeExceeded',
            Code.INVALID_ARGUMENT,
            'MaximumAppendSizeExceeded',
          );
          respond(correlation, stream, (response) => response.setError(status));
          return;
        }
        if (!request.getIsFinal()) return;
        pending.delete(id);
        const outcome = log.append(write.stream, write.events, write.expected);
        respond(correlation, stream, (response) => {
          if (!outcome.ok) {
            response.setError(wrongExpectedVersionStatus(outcome.current, outcome.expected));
            return;
          }
          const success = new BatchAppendResp.Success();
          if (outcome.current === undefined) success.setNoStream(new GoogleEmpty());
          else success.setCurrentRevision(outcome.current.toString());
          if (outcome.position === undefined) success.setNoPosition(new GoogleEmpty());
          else success.setPosition(positionOf(outcome.position));
          response.setSuccess(success);
        });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const status = packedStatus(
          new BadRequestDetails().setMessage(message),
          'event_store.client.BadRequest',
          Code.INVALID_ARGUMENT,
          'BadRequest',
        );
        respond(correlation, stream, (response) => response.setError(status));
      }
    });
    call.on('end', () => {
      if (!call.cancelled && call.writable) call.end();
    });
    // A client that cancels the call (dispose) is not an error of the fake.
    call.on('error', () => undefined);
  };
}
