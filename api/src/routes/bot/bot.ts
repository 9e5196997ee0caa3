import { z } from 'zod';
import {
  BotState,
  BotStatusInput,
  ClaimInput,
  ClaimReply,
  CommandInput,
  CommandReply,
  RoomJoinedInput,
  RoomJoinedReply,
  RoomProfileInput,
  RoomProfileReply,
  RoomRemovedInput,
  RoomTopicInput,
  SendResultInput,
} from '@techbridge/shared';
import type { Context } from 'koa';
import { answerCommand } from '../../bot/chatCommands.js';
import { registerRoom, removeRoom, roomProfile } from '../../bot/rooms.js';
import { claimUnits, recordResult } from '../../broadcasts/claimer.js';
import type { BotStateDoc } from '../../models/index.js';
import { isDuplicateKey } from '../../db/duplicateKey.js';
import { presentBotState } from '../../presenters/broadcast.js';
import { defineRoute, type AnyRoute } from '../define.js';

const Ok = z.object({ ok: z.boolean() });

const botRoute = <B extends z.ZodType, R extends z.ZodType>(
  path: string,
  summary: string,
  body: B,
  response: R,
  handler: (ctx: Context, body: z.output<B>) => Promise<z.input<R>>,
) =>
  defineRoute({
    method: 'post',
    path: `/bot/${path}`,
    access: 'bot',
    summary,
    tags: ['bot'],
    body,
    // Checked against `handler` in botRoute's own signature; opaque from here on.
    response: response as z.ZodType,
    handler: (ctx, input) => handler(ctx, input.body as z.output<B>),
  });

/** Routes the bot process calls with its service token (BOT_TOKEN). */
export function botRoutes(): AnyRoute[] {
  return [
    botRoute('status', 'Bot reports login, logout, QR scan or heartbeat', BotStatusInput, BotState, async (ctx, body) => {
      // A heartbeat only says the process is alive; login state changes with login/logout/scan.
      const set: Record<string, unknown> = { lastSeenAt: ctx.deps.now() };
      if (body.state !== 'heartbeat') {
        set.state = body.state;
        set.loggedIn = body.state === 'login';
        set.qrcode = body.state === 'scan' ? (body.qrcode ?? null) : null;
      }
      if (body.userName) set.userName = body.userName;
      // A new account's first two reports may both try to insert its document. MongoDB 4.2+ retries
      // the losing upsert itself when, as here, it matches on the unique key by equality; servers
      // that don't (older or MongoDB-compatible ones) answer with a duplicate key: update instead.
      await ctx.deps.models.BotState.updateOne({ _id: body.account }, { $set: set }, { upsert: true }).catch(async (e) => {
        if (!isDuplicateKey(e)) throw e;
        await ctx.deps.models.BotState.updateOne({ _id: body.account }, { $set: set });
      });
      // The upsert above just wrote it, and bot states are never deleted.
      return presentBotState(ctx, (await ctx.deps.models.BotState.findById(body.account).lean<BotStateDoc>())!);
    }),
    botRoute(
      'rooms/joined',
      'The bot is in a room (invited, or found at login)',
      RoomJoinedInput,
      RoomJoinedReply,
      async (ctx, body) => {
        const { group, helpText } = await registerRoom(ctx.deps, body.account, body.roomId, body.topic);
        return { groupId: String(group._id), helpText };
      },
    ),
    botRoute('rooms/topic', 'A room was renamed', RoomTopicInput, Ok, async (ctx, body) => {
      await ctx.deps.models.Group.updateOne({ roomId: body.roomId }, { $set: { topic: body.topic } });
      return { ok: true };
    }),
    botRoute('rooms/removed', 'The bot was removed from a room', RoomRemovedInput, Ok, async (ctx, body) => {
      await removeRoom(ctx.deps, body.roomId);
      return { ok: true };
    }),
    botRoute(
      'rooms/profile',
      'How the api holds a room: profile and delivery settings',
      RoomProfileInput,
      RoomProfileReply,
      (ctx, body) => roomProfile(ctx.deps, body.roomId),
    ),
    botRoute('deliveries/claim', 'Lease due messages to this bot account', ClaimInput, ClaimReply, async (ctx, body) => {
      const state = await ctx.deps.models.BotState.findById(body.account).lean<BotStateDoc>();
      // While logged out nothing is handed out: deliveries wait, nothing is dropped.
      if (!state?.loggedIn) return { units: [], paused: true };
      return claimUnits(ctx.deps, body.account, body.limit, body.leaseSeconds);
    }),
    botRoute('deliveries/result', 'Report the outcome of one send unit', SendResultInput, Ok, async (ctx, body) => {
      await recordResult(ctx.deps, body);
      return { ok: true };
    }),
    botRoute('commands', 'Answer a chat command from a room', CommandInput, CommandReply, async (ctx, body) => ({
      reply: await answerCommand(ctx.deps, body),
    })),
  ];
}
