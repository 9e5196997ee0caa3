import { pino, type Logger } from 'pino';

/**
 * Structured logs. Personal data must never reach them (invariant 6): besides never passing
 * it in, these paths are redacted as a second line of defence.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'api' },
    redact: {
      paths: [
        'phone',
        '*.phone',
        '*.*.phone',
        'contact',
        '*.contact',
        'password',
        '*.password',
        'req.headers.authorization',
        'req.headers.cookie',
        'session_key',
        '*.session_key',
      ],
      censor: '[redacted]',
    },
  });
}
export type { Logger };
