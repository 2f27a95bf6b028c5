import type { CqrsModuleOptions } from '@nestjs/cqrs';

/**
 * The answer of a command or query: what its handler's `execute` resolves to. A message states its
 * result as `Command<ResultOf<ItsHandler>>` (or `Query<…>`), so `CommandBus.execute` and
 * `QueryBus.execute` are typed without writing the answer's type twice.
 */
export type ResultOf<H extends { execute(...args: never[]): unknown }> = Awaited<ReturnType<H['execute']>>;

const silent = { publish: (): void => undefined };

/**
 * `@nestjs/cqrs` carries dispatch only: its buses find the handler of a message, nothing else.
 * Their in-memory publishers would hand every message to an RxJS subject that nobody here
 * subscribes to (a cost on every request, the flash sale's included), so they publish nothing;
 * events, sagas and side effects stay on the log (projections, process managers, deadlines).
 */
export const DISPATCH_ONLY: CqrsModuleOptions = { commandPublisher: silent, queryPublisher: silent };
