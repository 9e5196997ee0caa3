import { createHash } from 'node:crypto';
import { Group, IdParams, maskWecomKey, parseWecomWebhook, WecomGroupInput, WecomTestReply } from '@techbridge/shared';
import { badRequest, conflict, notFound } from '../../errors.js';
import { isDuplicateKey } from '../../db/duplicateKey.js';
import { audit } from '../../lib/audit.js';
import type { GroupDoc } from '../../models/index.js';
import { presentGroup } from '../../presenters/group.js';
import { postToRobot } from '../../wecom/client.js';
import { pauseRobot, takeSlot } from '../../wecom/pace.js';
import { defineRoute, type AnyRoute } from '../define.js';

/** A robot's identity: a hash of its key, so the same robot is refused twice and the id reveals nothing. */
export const wecomRoomId = (key: string) => `wecom:${createHash('sha256').update(key).digest('hex')}`;

const testText = (topic: string) =>
  `【测试消息】科转通已连接「${topic}」的群机器人。之后适合本群的政策和活动会按群画像推送到这里。`;

/** 企业微信 groups: added by pasting their robot's webhook URL, tried with a test message on request. */
export function wecomGroupRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/groups/wecom',
      access: 'organizer',
      summary: 'Add a 企业微信 group by its robot webhook URL (the key is stored, then only shown masked)',
      tags: ['groups'],
      body: WecomGroupInput,
      response: Group,
      status: 201,
      audit: 'group.create',
      handler: async (ctx, { body }) => {
        const { webhookUrl, ...fields } = body;
        const key = parseWecomWebhook(webhookUrl)!; // the schema refused anything else
        const g = await ctx.deps.models.Group.create({
          ...fields,
          roomId: wecomRoomId(key),
          channel: 'wecom',
          status: 'active',
          wecom: { key, keyMasked: maskWecomKey(key) },
        }).catch((e: unknown) => {
          throw isDuplicateKey(e) ? conflict('该企业微信群机器人已添加过') : e;
        });
        await audit(ctx, 'group.create', 'group', String(g._id), { channel: 'wecom', fields: Object.keys(fields) });
        return presentGroup(g.toObject());
      },
    }),
    defineRoute({
      method: 'post',
      path: '/groups/:id/wecom-test',
      access: 'organizer',
      summary: 'Send a test message to a 企业微信 group robot now',
      tags: ['groups'],
      params: IdParams,
      response: WecomTestReply,
      audit: 'group.wecom_test',
      handler: async (ctx, { params }) => {
        const { models, env } = ctx.deps;
        const g = await models.Group.findById(params.id).select('+wecom.key').lean<GroupDoc>();
        if (!g) throw notFound('群');
        const key = (g.wecom as { key?: string } | null | undefined)?.key;
        if (g.channel !== 'wecom' || !key) throw badRequest('只有企业微信群机器人可以发送测试消息');
        await audit(ctx, 'group.wecom_test', 'group', params.id);
        // The test message counts against the robot's minute like any other.
        const slot = await takeSlot(models, params.id, ctx.deps.now(), env.WECOM_PER_MINUTE);
        if (!slot.ok) return { ok: false, message: '该机器人一分钟内的消息已达上限，请稍后再试' };
        const outcome = await postToRobot(env, key, { msgtype: 'text', text: { content: testText(g.topic) } });
        if (outcome.ok) return { ok: true, message: '测试消息已发送，请在企业微信群里查看' };
        if (outcome.kind === 'rate_limited') {
          await pauseRobot(models, params.id, new Date(ctx.deps.now().getTime() + env.WECOM_RATE_LIMIT_PAUSE_MS));
        }
        return { ok: false, message: `测试消息未发出：${outcome.error}` };
      },
    }),
  ];
}
