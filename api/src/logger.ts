import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Structured logs. Personal data must never reach them (invariant 6): besides never passing
 * it in, these paths are redacted as a second line of defence.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
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
  };
  // A destination is passed by tests that read the logs back (they check no phone number leaks).
  return destination ? pino(options, destination) : pino(options);
}
export type { Logger };
