import { pino, type Logger } from 'pino';

/**
 * Structured logs. The bot logs ids (rooms, messages, deliveries), never what people wrote: a
 * command such as 报名 may carry a phone number (invariant 6).
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'bot' },
    redact: { paths: ['text', '*.text', 'qrcode', '*.qrcode', 'token', '*.token'], censor: '[redacted]' },
  });
}

/** A logger that drops everything (tests, or callers that pass none). */
export const silentLogger: Logger = pino({ level: 'silent' });
export type { Logger };
