import type { EventInsights } from '@techbridge/shared';
import type { InsightsSectionProps } from './InsightsSection';
import { CHANNEL_LABELS, CHART_TOP, FUNNEL_COLUMNS, FUNNEL_STEPS, STEP_COLORS, dayText, percent } from './labels';
import { rowsHeight } from './chartOptions';

/** True when nothing has happened yet: no push reached a group and nobody signed up. */
export function eventIsQuiet(d: EventInsights): boolean {
  return d.totals.pushed === 0 && d.totals.opened === 0 && d.allRegistrations.signedUp === 0;
}

/** The sections of 活动数据: funnel, sign-ups over time, per channel, per group. */
export function eventSections(d: EventInsights): InsightsSectionProps[] {
  const t = d.totals;
  const funnel: InsightsSectionProps = {
    title: '推送转化漏斗',
    note: `全部报名 ${d.allRegistrations.signedUp} 人，其中经推送链接 ${t.signedUp} 人（${percent(t.signedUp, d.allRegistrations.signedUp)}）`,
    chart: {
      kind: 'steps',
      categories: FUNNEL_STEPS.map((s) => s.label),
      values: FUNNEL_STEPS.map((s) => t[s.key]),
      colors: FUNNEL_STEPS.map((s) => STEP_COLORS[s.key]),
    },
    chartHeight: 200,
    columns: [
      { key: 'step', label: '环节', text: true },
      { key: 'count', label: '人数/次数' },
      { key: 'rate', label: '较上一步' },
    ],
    rows: FUNNEL_STEPS.map((s, i) => ({
      step: s.label,
      count: t[s.key],
      // Pushes count groups, opens count people: a rate between them would mean nothing.
      rate: i < 2 ? '—' : percent(t[s.key], t[FUNNEL_STEPS[i - 1]!.key]),
    })),
  };

  const days = d.signupsOverTime;
  const overTime: InsightsSectionProps = {
    title: '报名趋势',
    note: days.length ? '按天统计（北京时间），表中只列有报名的日期' : undefined,
    chart: days.length
      ? {
          kind: 'line',
          categories: days.map((x) => x.date),
          series: [
            { name: '全部报名', values: days.map((x) => x.signedUp) },
            { name: '经推送链接', values: days.map((x) => x.tracked) },
          ],
        }
      : undefined,
    columns: [
      { key: 'date', label: '日期', text: true },
      { key: 'signedUp', label: '全部报名' },
      { key: 'tracked', label: '经推送链接' },
    ],
    rows: days.filter((x) => x.signedUp > 0).map((x) => ({ date: dayText(x.date), signedUp: x.signedUp, tracked: x.tracked })),
    emptyText: '还没有人报名',
  };

  const channels: InsightsSectionProps = {
    title: '各渠道',
    chart: {
      kind: 'bars',
      categories: d.byChannel.map((c) => CHANNEL_LABELS[c.channel]),
      series: [
        { name: '推送', values: d.byChannel.map((c) => c.pushed) },
        { name: '打开', values: d.byChannel.map((c) => c.opened) },
        { name: '报名', values: d.byChannel.map((c) => c.signedUp) },
      ],
    },
    chartHeight: 180,
    columns: [{ key: 'name', label: '渠道', text: true }, ...FUNNEL_COLUMNS],
    rows: d.byChannel.map((c) => ({ ...c, name: CHANNEL_LABELS[c.channel] })),
  };

  const top = d.byGroup.slice(0, CHART_TOP);
  const groups: InsightsSectionProps = {
    title: '各群',
    note: d.byGroup.length > CHART_TOP ? `图中为报名最多的 ${CHART_TOP} 个群，表中为全部 ${d.byGroup.length} 个` : undefined,
    chart: top.length
      ? {
          kind: 'rows',
          categories: top.map((g) => g.topic),
          series: [
            { name: '打开', values: top.map((g) => g.opened), color: STEP_COLORS.opened },
            { name: '报名', values: top.map((g) => g.signedUp), color: STEP_COLORS.signedUp },
          ],
        }
      : undefined,
    chartHeight: rowsHeight(top.length, 2),
    columns: [{ key: 'name', label: '群', text: true }, ...FUNNEL_COLUMNS],
    rows: d.byGroup.map((g) => ({ ...g, name: g.topic })),
    emptyText: '还没有推送到任何群',
  };
  return [funnel, overTime, channels, groups];
}
