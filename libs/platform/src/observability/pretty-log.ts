/**
 * Readable log lines for development (LOG_FORMAT=pretty): `12:03:04.517 INFO  storefront  message  key=value`,
 * with an error's stack on the lines below. Production keeps pino's JSON lines for log shippers.
 */
export function formatLogLine(line: string): string {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof entry !== 'object' || entry === null) return line;
  const { level, time, app, msg, pid: _pid, hostname: _hostname, err, ...fields } = entry as Record<string, unknown>;
  const clock = typeof time === 'string' ? time.slice(11, 23) : '';
  const extras = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const head = [
    clock,
    String(level ?? '')
      .toUpperCase()
      .padEnd(5),
    String(app ?? '').padEnd(10),
    String(msg ?? ''),
  ].join(' ');
  const stack =
    typeof err === 'object' && err !== null && 'stack' in err
      ? `\n  ${String(err.stack).replaceAll('\n', '\n  ')}`
      : '';
  return `${head}${extras.length > 0 ? `  ${extras.join(' ')}` : ''}${stack}\n`;
}

/** A pino destination that writes {@link formatLogLine} lines to `out`. */
export function prettyDestination(out: NodeJS.WritableStream = process.stdout): { write(line: string): void } {
  return { write: (line) => void out.write(formatLogLine(line)) };
}
