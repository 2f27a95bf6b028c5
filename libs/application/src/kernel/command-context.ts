import type { CommandContext, RecordedEvent } from '@gx/eventstore';
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
export function systemContext(
  component: string,
  commandId: string,
  now: Date,
  correlationId = commandId,
): CommandContext {
  return { commandId, actor: `system:${component}`, correlationId, now: now.toISOString() };
}

/**
 * The context of a command that a stored event causes (a process manager's step): the system acting as
 * `component`, under the step's deterministic `commandId`, in the event's correlation, with the event as
 * its cause, at the worker's time.
 */
export function causedBy(component: string, commandId: string, cause: RecordedEvent, now: Date): CommandContext {
  return { ...systemContext(component, commandId, now, cause.metadata.correlationId), causationId: cause.id };
}

/** Id of a process manager's handling of one stored event (its steps then take ids of their own). */
export const eventHandlingId = (processManager: string, eventId: string): string => `${processManager}:${eventId}`;

/**
 * The cause of everything a process manager does for one stored event: {@link causedBy} as the process
 * manager, under {@link eventHandlingId}, at `now`. No command is sent under that id: each step takes its own
 * through {@link stepContext} (same actor, correlation, cause and time).
 */
export function eventCause(processManager: string, event: RecordedEvent, now: Date): CommandContext {
  return causedBy(processManager, eventHandlingId(processManager, event.id), event, now);
}

/**
 * The context of a step that a command takes on another aggregate (a lot reserving its stock, a campaign
 * publishing its quota), under the step's deterministic `commandId`: same correlation and time, by `actor`
 * (default: the command's own actor). Its cause is what caused the command — the stored event a process
 * manager reacted to — or, for a command a request sent, that command.
 */
export function stepContext(command: CommandContext, commandId: string, actor: string = command.actor): CommandContext {
  return { ...command, commandId, actor, causationId: command.causationId ?? command.commandId };
}
