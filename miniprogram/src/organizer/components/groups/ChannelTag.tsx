import { View } from '@tarojs/components';
import { GROUP_CHANNEL_LABELS } from '@techbridge/shared/labels';

/**
 * A small 企业微信 tag beside a recipient that is a WeCom group robot (the api posts to it, not the bot), in the
 * look of the groups list's 企业微信群机器人 badge; WeChat rooms, the usual case, get none.
 */
export function ChannelTag({ channel }: { channel: keyof typeof GROUP_CHANNEL_LABELS | undefined }) {
  if (channel !== 'wecom') return null;
  return <View className="tag tag--brand org-channel-tag">{GROUP_CHANNEL_LABELS.wecom}</View>;
}
