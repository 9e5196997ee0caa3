import { renderSubscription, replies, resolveTerms, type DeliveryTiming } from '@techbridge/shared';
import { presentDelivery } from '../../presenters/group.js';
import { storedProfile, type CommandContext, type CommandHandler, type Profile } from './types.js';

/** Writes the new profile, audits it, and answers with the settings as they now are. */
async function save({ deps, group, input }: CommandContext, profile: Profile, verb: string): Promise<string> {
  await deps.models.Group.updateOne({ _id: group._id }, { $set: { profile } });
  await deps.models.AuditLog.create({
    action: 'group.subscription.chat',
    targetType: 'group',
    targetId: String(group._id),
    data: { via: 'chat', senderId: input.senderId },
  });
  return replies.settingsChanged(verb, renderSubscription(profile, presentDelivery(group)));
}

const combine = (current: Profile, terms: Profile, op: (a: string[], b: string[]) => string[]): Profile => ({
  regions: op(current.regions, terms.regions),
  topics: op(current.topics, terms.topics),
  audiences: op(current.audiences, terms.audiences),
  keywords: op(current.keywords, terms.keywords),
});
const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
const minus = (a: string[], b: string[]) => a.filter((x) => !b.includes(x));

/** 订阅: adds regions, topics, audiences and keywords to the group's profile. */
export const subscribe: CommandHandler<'subscribe'> = (ctx, cmd) =>
  save(ctx, combine(storedProfile(ctx.group), resolveTerms(cmd.terms, cmd.asKeywords), union), '已更新本群订阅');

/** 退订: removes them, or clears the profile (退订 全部). */
export const unsubscribe: CommandHandler<'unsubscribe'> = (ctx, cmd) =>
  cmd.terms === 'all'
    ? save(ctx, { regions: [], topics: [], audiences: [], keywords: [] }, '已退订全部内容')
    : save(ctx, combine(storedProfile(ctx.group), resolveTerms(cmd.terms), minus), '已退订');

/** 订阅设置: the stored settings as they are. */
export const settings: CommandHandler<'settings'> = async ({ group }) =>
  renderSubscription(storedProfile(group), presentDelivery(group) as DeliveryTiming);
