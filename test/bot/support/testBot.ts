/** Starts the real bot (handlers, pacer, queue) on a mock world against a fake api, with fast pacing. */
import { ApiClient } from '../../../bot/src/apiClient.js';
import { silentLogger } from '../../../bot/src/logger.js';
import type { PacingPolicy } from '../../../bot/src/sender/pacer.js';
import { startBot, type BotConfig, type RunningBot } from '../../../bot/src/startBot.js';
import { FAKE_BOT_TOKEN, type FakeApi } from './fakeApi.js';
import type { MockWorld } from './mockWorld.js';

/** Pacing small enough for tests, large enough to measure. */
export const FAST_PACING: PacingPolicy = {
  minRoomGapMs: 0,
  pauseMinMs: 0,
  pauseMaxMs: 0,
  perMinuteCap: 1_000,
  replyReservePerMinute: 0,
  dailyBudget: 10_000,
  rateLimitPauseMs: 200,
};

export function testConfig(overrides: Partial<BotConfig> = {}): BotConfig {
  return {
    account: 'test-account',
    pacing: FAST_PACING,
    claimIntervalMs: 20,
    claimBatch: 5,
    leaseSeconds: 60,
    heartbeatMs: 60_000,
    replyMaxWaitMs: 2_000,
    ...overrides,
  };
}

export function testApiClient(api: FakeApi): ApiClient {
  return new ApiClient({ baseUrl: api.url, token: FAKE_BOT_TOKEN, backoffMs: 20, maxBackoffMs: 100, timeoutMs: 2_000 });
}

export async function startTestBot(world: MockWorld, api: FakeApi, overrides: Partial<BotConfig> = {}): Promise<RunningBot> {
  return startBot({ bot: world.bot, api: testApiClient(api), config: testConfig(overrides), log: silentLogger });
}
