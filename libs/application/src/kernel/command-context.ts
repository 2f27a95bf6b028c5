import type { CommandContext } from '@gx/eventstore';
import type { RequestContext } from '@gx/platform';

/** The command context of an HTTP request: its user, correlation id, time and command id for `scope`. */
export function commandContextOf(ctx: RequestContext, scope: string): CommandContext {
  return {
    commandId: ctx.commandId(scope),
    actor: ctx.user?.username ?? 'anonymous',
    correlationId: ctx.correlationId,
    now: ctx.now.toISOString(),
  };
}

/** The command context of work the system does by itself (seeding, deadlines, process managers). */
export function systemContext(component: string, commandId: string, now: Date, correlationId = commandId): CommandContext {
  return { commandId, actor: `system:${component}`, correlationId, now: now.toISOString() };
}
