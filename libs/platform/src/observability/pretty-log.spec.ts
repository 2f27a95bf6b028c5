import { formatLogLine } from './pretty-log';

describe('readable development logs', () => {
  it('puts time, level, app and message first, other fields after, without pid or hostname', () => {
    const line = JSON.stringify({
      level: 'info',
      time: '2026-12-02T04:05:06.789Z',
      app: 'storefront',
      pid: 7,
      msg: 'request completed',
      status: 201,
      route: '/campaigns',
    });
    expect(formatLogLine(line)).toBe('04:05:06.789 INFO  storefront request completed  status=201 route=/campaigns\n');
  });

  it('shows an error stack below its line', () => {
    const line = JSON.stringify({
      level: 'error',
      time: '2026-12-02T04:05:06.789Z',
      app: 'worker',
      msg: 'boom',
      err: { stack: 'Error: boom\n    at x' },
    });
    expect(formatLogLine(line)).toBe('04:05:06.789 ERROR worker     boom\n  Error: boom\n      at x\n');
  });

  it('passes through what is not a JSON object', () => {
    expect(formatLogLine('plain text\n')).toBe('plain text\n');
  });
});
