import type { GroupInsights } from '@techbridge/shared';
import { formatTime } from '../../../lib/format';
import type { InsightsSectionProps } from './InsightsSection';
import { outcomeColumns, outcomeTotals } from './broadcastFigures';
import { STEP_COLORS, dayText } from './labels';

/** True when the group received nothing in the window. */
export const groupIsQuiet = (d: GroupInsights) => d.totals.planned === 0 && d.totals.opened === 0;

/** The sections of 群数据: what it received and how it responded, over time, per broadcast. */
export function groupSections(d: GroupInsights): InsightsSectionProps[] {
  const days = d.overTime;
  return [
    outcomeTotals(`近 ${d.days} 天推送与响应`, d.totals),
    {
      title: '每日趋势',
      note: '按天统计（北京时间），表中只列有动静的日期',
      chart: {
        kind: 'line',
        categories: days.map((x) => x.date),
        series: [
          { name: '收到推送', values: days.map((x) => x.delivered), color: STEP_COLORS.delivered },
          { name: '打开', values: days.map((x) => x.opened), color: STEP_COLORS.opened },
          { name: '报名', values: days.map((x) => x.signedUp), color: STEP_COLORS.signedUp },
        ],
      },
      columns: [
        { key: 'date', label: '日期', text: true },
        { key: 'delivered', label: '收到推送' },
        { key: 'opened', label: '打开' },
        { key: 'signedUp', label: '报名' },
      ],
      rows: days
        .filter((x) => x.delivered + x.opened + x.signedUp > 0)
        .map((x) => ({ date: dayText(x.date), delivered: x.delivered, opened: x.opened, signedUp: x.signedUp })),
      emptyText: '近期没有推送和响应',
    },
    {
      title: '收到的群发',
      note: '“群内报名链接”是机器人在群里回复「报名」时给出的链接',
      columns: outcomeColumns({ key: 'name', label: '群发', text: true }),
      rows: d.broadcasts.map(({ lastSentAt, ...b }) => ({
        ...b,
        name: `${b.title}${lastSentAt ? `（${formatTime(lastSentAt)}）` : ''}`,
      })),
      emptyText: '近期没有群发',
    },
  ];
}
