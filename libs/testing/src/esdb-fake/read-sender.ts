import type * as grpc from '@grpc/grpc-js';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { FakeLog } from './fake-log';

/** Writes with backpressure and waits for appends; every wait ends once the client has gone away. */
export class Sender {
  private closed = false;
  private readonly wakers = new Set<(open: boolean) => void>();
  private readonly unregister: () => void;

  constructor(
    private readonly call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    registerStop: (stop: () => void) => () => void,
  ) {
    this.unregister = registerStop(() => this.close());
    call.on('cancelled', () => this.close());
  }

  get open(): boolean {
    return !this.closed && !this.call.cancelled;
  }

  /** Ends every wait and forgets the call. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unregister();
    for (const wake of [...this.wakers]) wake(false);
  }

  /** Resolves false when the client went away instead of taking the message. */
  async send(message: ReadResp): Promise<boolean> {
    if (!this.open) return false;
    if (this.call.write(message)) return true;
    return this.wait((wake) => {
      const drained = (): void => wake(true);
      this.call.once('drain', drained);
      return () => this.call.off('drain', drained);
    });
  }

  /** Resolves true after the next append to the log, false when the client went away first. */
  nextAppend(log: FakeLog): Promise<boolean> {
    return this.wait((wake) => log.onAppend(() => wake(true)));
  }

  private wait(arm: (wake: (open: boolean) => void) => () => void): Promise<boolean> {
    if (!this.open) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      let disarm = (): void => undefined;
      const wake = (open: boolean): void => {
        this.wakers.delete(wake);
        disarm();
        resolve(open && this.open);
      };
      this.wakers.add(wake);
      disarm = arm(wake);
    });
  }
}
