import { View } from '@tarojs/components';
import { ActionButton } from '../../../components/ActionButton';
import { FacetTags } from '../../../components/FacetTags';
import { StatusTag } from '../../../components/StatusTag';
import { go, PAGES } from '../../../lib/routes';
import { deliveryModeText, groupStatusLabel } from '../../labels';
import type { Group } from '../../types';

/** A group the bot was just invited into has no profile yet: nothing can match it until someone fills one in. */
export const profileIncomplete = (p: Group['profile']) =>
  p.regions.length === 0 && p.topics.length === 0 && p.audiences.length === 0 && p.keywords.length === 0;

/** One group (a WeChat room or a 企业微信 robot): name, profile, delivery mode, how it is reached; tap to edit. */
export function GroupRow({ group: g }: { group: Group }) {
  const botIn = g.status === 'active';
  const robot = g.channel === 'wecom';
  return (
    <View className="org-row" onClick={() => go(PAGES.orgGroupEdit, { id: g.id })}>
      <View className="org-row__head">
        <View className="card__title">{g.topic}</View>
        <StatusTag status={g.status} tone={robot ? 'brand' : undefined}>
          {robot ? '企业微信群机器人' : botIn ? '机器人在群' : groupStatusLabel(g.status)}
        </StatusTag>
      </View>
      {profileIncomplete(g.profile) ? (
        <View className="card__status">
          <StatusTag status="profile_incomplete" className="org-group__profile-todo">
            待完善画像
          </StatusTag>
        </View>
      ) : (
        <FacetTags regions={g.profile.regions} topics={g.profile.topics} audiences={g.profile.audiences} />
      )}
      {g.profile.keywords.length > 0 ? <View className="card__meta">关键词：{g.profile.keywords.join('、')}</View> : null}
      <View className="card__meta">
        {deliveryModeText(g.delivery)}
        {g.botAccount ? ` · 机器人账号 ${g.botAccount}` : ''}
        {robot ? ` · Key ${g.wecomKeyMasked ?? '****'}` : ''}
        {g.managers.length > 0 ? ` · ${g.managers.length} 位管理员` : ''}
      </View>
      <View className="org-actions">
        <ActionButton size="small" fill="outline" onClick={() => go(PAGES.orgGroupInsights, { id: g.id })}>
          群数据
        </ActionButton>
      </View>
    </View>
  );
}
