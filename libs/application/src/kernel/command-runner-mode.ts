/**
 * Which CommandRunner this process uses: `mailbox` (the default) or `plain`, read from COMMAND_RUNNER.
 * `plain` (read-decide-append-retry, no cache, and an embedded event store that commits each append
 * on its own) exists only so that `npm run bench` can compare the two; it is deliberately not part of
 * the documented configuration. Anything else stops the start.
 */
export function commandRunnerMode(env: NodeJS.ProcessEnv = process.env): 'mailbox' | 'plain' {
  const mode = env.COMMAND_RUNNER ?? 'mailbox';
  if (mode !== 'mailbox' && mode !== 'plain')
    throw new Error(`COMMAND_RUNNER must be mailbox or plain, got ${JSON.stringify(mode)}`);
  return mode;
}
