import {
  COMMAND_HELP,
  formatShanghai,
  parseCommand,
  renderSubscription,
  resolveTerms,
  trackingUrl,
  type BotCommand,
  type CommandInput,
  type DeliveryTiming,
} from '@techbridge/shared';
import type { FilterQuery } from 'mongoose';
import type { Deps } from '../deps.js';
import { escapeRegex } from '../lib/query.js';
import type { EventDoc, GroupDoc, PolicyDoc } from '../models/index.js';
import { registerRoom } from './rooms.js';
import { presentDelivery } from '../presenters/group.js';

const REFUSAL = '抱歉，只有群主、本群管理员或平台管理员可以修改本群的订阅设置。';
const CHANGES = new Set(['subscribe', 'unsubscribe', 'mode', 'quiet']);

/**
 * Answers one chat message forwarded by the bot. Returns null for ordinary chat. Changing a
 * group's subscription needs the owner, a manager named in the api, or a platform admin.
 */
export async function answerCommand(deps: Deps, input: CommandInput): Promise<string | null> {
  const command = parseCommand(input.text);
  if (!command) return null;
  let group: GroupDoc | null = await deps.models.Group.findOne({ roomId: input.roomId }).lean();
  if (!group) group = (await registerRoom(deps, input.account, input.roomId, input.roomTopic || input.roomId)).group;
  if (CHANGES.has(command.kind) && !mayManage(deps, group, input)) return REFUSAL;
  return execute(deps, group, command);
}

function mayManage(deps: Deps, group: GroupDoc, input: CommandInput): boolean {
  return (
    input.senderIsOwner ||
    (group.managers ?? []).some((m) => m.contactId === input.senderId) ||
    deps.env.PLATFORM_ADMIN_CONTACTS.includes(input.senderId)
  );
}

async function execute(deps: Deps, group: GroupDoc, command: BotCommand): Promise<string> {
  const { models } = deps;
  switch (command.kind) {
    case 'help':
      return COMMAND_HELP;
    case 'invalid':
      return command.usage;
    case 'settings':
      // The stored settings as they are. Quiet hours always hold both ends (every writer requires
      // both), though the schema types each as optional.
      return renderSubscription(storedProfile(group), group.delivery as DeliveryTiming);
    case 'subscribe':
      return saveProfile(deps, group, combine(storedProfile(group), resolveTerms(command.terms), union), '已更新本群订阅');
    case 'unsubscribe': {
      if (command.terms === 'all') {
        return saveProfile(deps, group, { regions: [], topics: [], audiences: [], keywords: [] }, '已退订全部内容');
      }
      return saveProfile(deps, group, combine(storedProfile(group), resolveTerms(command.terms), minus), '已退订');
    }
    case 'mode': {
      const delivery = {
        ...plainDelivery(group),
        mode: command.mode,
        ...(command.mode === 'digest' ? { digestAt: command.at } : {}),
      };
      await models.Group.updateOne({ _id: group._id }, { $set: { delivery } });
      return command.mode === 'digest' ? `已改为每日摘要，每天 ${command.at} 推送一条汇总。` : '已改为即时推送。';
    }
    case 'quiet': {
      const delivery = { ...plainDelivery(group), quietHours: command.range };
      await models.Group.updateOne({ _id: group._id }, { $set: { delivery } });
      return command.range
        ? `已设置免打扰 ${command.range.start}-${command.range.end}，期间的消息将在结束后送达。`
        : '已关闭免打扰。';
    }
    case 'latestPolicies':
      return latestPolicies(deps, group, command.keyword);
    case 'upcomingEvents':
      return upcomingEvents(deps, group, command.region);
    case 'signup':
      return signupLink(deps, command.eventRef);
  }
}

async function saveProfile(deps: Deps, group: GroupDoc, profile: Profile, verb: string): Promise<string> {
  await deps.models.Group.updateOne({ _id: group._id }, { $set: { profile } });
  await deps.models.AuditLog.create({
    action: 'group.subscription.chat',
    targetType: 'group',
    targetId: String(group._id),
    data: { via: 'chat' },
  });
  return `${verb}。\n${renderSubscription(profile, plainDelivery(group))}`;
}

/** The group's delivery settings as stored, with defaults filled (the presenter owns that mapping). */
const plainDelivery = (g: GroupDoc) => presentDelivery(g);
type Profile = { regions: string[]; topics: string[]; audiences: string[]; keywords: string[] };
/** Every writer stores a profile (the bot's upsert, GroupInput's default); the schema just leaves it optional. */
const storedProfile = (g: GroupDoc): Profile => g.profile!;
/** Applies `op` (add or remove) facet by facet. */
const combine = (current: Profile, terms: Profile, op: (a: string[] | undefined, b: string[]) => string[]): Profile => ({
  regions: op(current.regions, terms.regions),
  topics: op(current.topics, terms.topics),
  audiences: op(current.audiences, terms.audiences),
  keywords: op(current.keywords, terms.keywords),
});
const union = (a: string[] = [], b: string[]) => [...new Set([...a, ...b])];
const minus = (a: string[] = [], b: string[]) => a.filter((x) => !b.includes(x));

async function latestPolicies(deps: Deps, group: GroupDoc, keyword?: string): Promise<string> {
  const filter: FilterQuery<PolicyDoc> = { status: 'published' };
  if (keyword)
    filter.$or = [{ title: new RegExp(escapeRegex(keyword), 'i') }, { summary: new RegExp(escapeRegex(keyword), 'i') }];
  else if (group.profile?.regions?.length) filter.regions = { $in: [...group.profile.regions, '000000'] };
  const docs = await deps.models.Policy.find(filter).sort({ publishedAt: -1, _id: -1 }).limit(5).lean();
  if (docs.length === 0) return keyword ? `没有找到与「${keyword}」相关的政策。` : '暂无政策。';
  const lines = docs.map(
    (d, i) =>
      `${i + 1}. ${d.title}\n   ${trackingUrl(deps.env.H5_BASE_URL, '/pages/policy/detail', { id: String(d._id), t: 'cmd' })}`,
  );
  return `【最新政策】\n${lines.join('\n')}`;
}

async function upcomingEvents(deps: Deps, group: GroupDoc, region?: string): Promise<string> {
  const filter: FilterQuery<EventDoc> = { status: 'published', startsAt: { $gt: deps.now() } };
  const regions = region ? [region] : (group.profile?.regions ?? []);
  if (regions.length && !regions.includes('000000')) filter.regions = { $in: [...regions, '000000'] };
  const docs = await deps.models.Event.find(filter).sort({ startsAt: 1, _id: 1 }).limit(5).lean();
  if (docs.length === 0) return '近期暂无活动。';
  const lines = docs.map((d, i) => `${i + 1}. ${d.title}\n   ${formatShanghai(d.startsAt)} · 报名：报名 ${String(d._id)}`);
  return `【近期活动】\n${lines.join('\n')}`;
}

async function signupLink(deps: Deps, ref: string): Promise<string> {
  const event = /^[0-9a-f]{24}$/i.test(ref) ? await deps.models.Event.findById(ref).lean() : null;
  if (!event || event.status !== 'published') return `没有找到编号为 ${ref} 的活动，请发送「近期活动」查看。`;
  const url = trackingUrl(deps.env.H5_BASE_URL, '/pages/event/detail', { id: String(event._id), t: 'cmd' });
  return `「${event.title}」\n${formatShanghai(event.startsAt)}\n报名链接：${url}\n小程序路径：pages/event/detail?id=${String(event._id)}`;
}
