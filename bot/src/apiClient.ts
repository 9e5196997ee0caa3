/**
 * The bot's only way to the api: typed calls to /api/v1/bot/* with the service token. Network
 * errors, timeouts and 5xx are retried with back-off (the api may be restarting); 4xx are not
 * (the request itself is wrong and would fail again). Replies are checked against the shared
 * contract, so a drifted api fails loudly here instead of deep inside a handler.
 */
import {
  BotState,
  ClaimReply,
  CommandReply,
  RoomJoinedReply,
  RoomProfileInput,
  RoomProfileReply,
  type BotStatusInput,
  type ClaimInput,
  type CommandInput,
  type RoomJoinedInput,
  type RoomRemovedInput,
  type RoomTopicInput,
  type SendResultInput,
} from '@techbridge/shared';
import { z } from 'zod';
import { sleep } from './lib/sleep.js';
import { silentLogger, type Logger } from './logger.js';

const Ok = z.object({ ok: z.boolean() });

export interface ApiClientOptions {
  baseUrl: string;
  token: string;
  /** Per attempt. */
  timeoutMs?: number;
  /** Attempts in all, the first included. */
  attempts?: number;
  /** Back-off before retry n is `backoffMs * 2^(n-1)`, capped at `maxBackoffMs`, with jitter. */
  backoffMs?: number;
  maxBackoffMs?: number;
  log?: Logger;
}

/** Per call: `signal` aborts the back-off waits and the request in flight (shutdown). */
export interface CallOptions {
  signal?: AbortSignal;
  attempts?: number;
}

/** The api answered 4xx: the request is wrong, retrying will not help. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    readonly body: string,
  ) {
    super(`api ${path} answered ${status}: ${body.slice(0, 300)}`);
    this.name = 'ApiRequestError';
  }
}

/** The api could not be reached or kept failing (5xx) through every attempt. */
export class ApiUnavailableError extends Error {
  constructor(
    readonly path: string,
    override readonly cause: unknown,
  ) {
    super(`api ${path} unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ApiUnavailableError';
  }
}

class RetryableStatus extends Error {}

export class ApiClient {
  private readonly opts: Required<ApiClientOptions>;

  constructor(options: ApiClientOptions) {
    this.opts = {
      timeoutMs: 10_000,
      attempts: 5,
      backoffMs: 500,
      maxBackoffMs: 8_000,
      log: silentLogger,
      ...options,
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
    };
  }

  /**
   * Status reports go out one at a time, in the order they were made: the api keeps the last one
   * it applied, so a `scan` must not overtake the `login` that followed it.
   */
  private statusQueue: Promise<unknown> = Promise.resolve();

  /** Login state: scan (with the QR payload), login, logout, heartbeat. */
  status(input: z.input<typeof BotStatusInput>, call?: CallOptions) {
    const report = this.statusQueue.then(() => this.post('/status', input, BotState, call));
    this.statusQueue = report.catch(() => undefined);
    return report;
  }

  /** The bot is in this room (idempotent); the reply carries the help text to post after an invite. */
  roomJoined(input: z.input<typeof RoomJoinedInput>, call?: CallOptions) {
    return this.post('/rooms/joined', input, RoomJoinedReply, call);
  }

  roomTopic(input: z.input<typeof RoomTopicInput>, call?: CallOptions) {
    return this.post('/rooms/topic', input, Ok, call);
  }

  roomRemoved(input: z.input<typeof RoomRemovedInput>, call?: CallOptions) {
    return this.post('/rooms/removed', input, Ok, call);
  }

  /** How the api holds a room (the development console shows it beside the conversation). */
  roomProfile(input: z.input<typeof RoomProfileInput>, call?: CallOptions) {
    return this.post('/rooms/profile', input, RoomProfileReply, call);
  }

  /** Due messages leased to this account. */
  claim(input: z.input<typeof ClaimInput>, call?: CallOptions) {
    return this.post('/deliveries/claim', input, ClaimReply, call);
  }

  result(input: z.input<typeof SendResultInput>, call?: CallOptions) {
    return this.post('/deliveries/result', input, Ok, call);
  }

  /** A chat line that may be a command; `reply` null means stay silent. */
  command(input: z.input<typeof CommandInput>, call?: CallOptions) {
    return this.post('/commands', input, CommandReply, call);
  }

  private async post<S extends z.ZodType>(path: string, body: unknown, reply: S, call: CallOptions = {}): Promise<z.infer<S>> {
    const { log } = this.opts;
    const { signal, attempts = this.opts.attempts } = call;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (signal?.aborted) break;
      try {
        return reply.parse(await this.once(path, body, signal));
      } catch (err) {
        if (!(err instanceof RetryableStatus || isNetworkError(err))) throw err;
        lastError = err;
        if (attempt < attempts) {
          const wait = this.backoff(attempt);
          log.warn({ path, attempt, wait, err: String(err) }, 'api call failed, retrying');
          await sleep(wait, signal);
        }
      }
    }
    throw new ApiUnavailableError(path, lastError ?? new Error('stopped'));
  }

  private async once(path: string, body: unknown, signal: AbortSignal | undefined): Promise<unknown> {
    const { baseUrl, token, timeoutMs } = this.opts;
    const timeout = AbortSignal.timeout(timeoutMs);
    const res = await fetch(`${baseUrl}/api/v1/bot${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    const text = await res.text();
    if (res.status >= 500) throw new RetryableStatus(`status ${res.status}`);
    if (!res.ok) throw new ApiRequestError(res.status, path, text);
    return text ? JSON.parse(text) : undefined;
  }

  private backoff(attempt: number): number {
    const base = Math.min(this.opts.maxBackoffMs, this.opts.backoffMs * 2 ** (attempt - 1));
    return Math.round(base * (0.75 + Math.random() * 0.5));
  }
}

/** fetch rejects with TypeError on connection failures and with a DOMException on timeout. */
function isNetworkError(err: unknown): boolean {
  if (err instanceof TypeError) return true;
  return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
}
