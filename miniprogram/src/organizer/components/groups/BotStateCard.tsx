import { View } from '@tarojs/components';
import { api } from '../../../lib/api';
import { formatTime } from '../../../lib/format';
import { useLoad } from '../../../lib/useLoad';
import { PageState } from '../../../components/PageState';
import type { BotAccountState, BotAccountStates } from '../../types';
import { BotQr } from './BotQr';

const STATE_TEXT: Record<string, string> = {
  login: '已登录微信',
  heartbeat: '已登录微信',
  scan: '等待扫码登录',
  logout: '未登录微信',
};

/**
 * Online means both: the bot process is alive (a recent heartbeat) and its WeChat account is logged in.
 * Either one missing means no message goes out, so the card says 离线 and why.
 */
function AccountState({ s }: { s: BotAccountState }) {
  const online = s.alive && s.loggedIn;
  const why = !s.alive ? '机器人进程没有心跳，请检查机器人服务' : !s.loggedIn ? (STATE_TEXT[s.state] ?? '未登录微信') : null;
  return (
    <View className="org-bot__account">
      <View className={`org-bot__state ${online ? 'org-bot__state--on' : 'org-bot__state--off'}`} role="status">
        {online ? '机器人在线' : '机器人离线'}
      </View>
      <View className="card__meta">
        账号 {s.account}
        {s.userName ? `（${s.userName}）` : ''} · {STATE_TEXT[s.state] ?? s.state}
      </View>
      <View className="card__meta">最后心跳：{formatTime(s.lastSeenAt)}</View>
      {why ? <View className="field-error">{why}</View> : null}
      {s.state === 'scan' && s.qrcode ? <BotQr payload={s.qrcode} /> : null}
    </View>
  );
}

/** The bot accounts' login state and liveness (GET /bot/state). */
export function BotStateCard() {
  const state = useLoad(() => api.get<BotAccountStates>('/bot/state'));
  return (
    <View className="section">
      <View className="section__title">机器人状态</View>
      <PageState {...state} onRetry={state.reload}>
        {({ accounts }) =>
          accounts.length === 0 ? (
            <View className="org-bot__account">
              <View className="org-bot__state org-bot__state--off" role="status">
                机器人离线
              </View>
              <View className="card__meta">还没有机器人连接过，请启动机器人服务并扫码登录。</View>
            </View>
          ) : (
            <>
              {accounts.map((s) => (
                <AccountState key={s.account} s={s} />
              ))}
            </>
          )
        }
      </PageState>
    </View>
  );
}
