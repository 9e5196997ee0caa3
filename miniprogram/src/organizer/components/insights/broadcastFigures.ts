import type { BroadcastInsights, DeliveryOutcome } from '@techbridge/shared';
import type { InsightsSectionProps } from './InsightsSection';
import type { Column } from './FigureTable';
import { CHANNEL_LABELS, CHART_TOP, OUTCOME_COLUMNS, STEP_COLORS, percent } from './labels';
import { rowsHeight } from './chartOptions';

/** The outcome steps of a push, in reading order. */
export const OUTCOME_STEPS: { key: keyof DeliveryOutcome; label: string }[] = [
  { key: 'planned', label: '计划发送' },
  { key: 'delivered', label: '送达' },
  { key: 'failed', label: '发送失败' },
  { key: 'waiting', label: '待发送' },
  { key: 'opened', label: '打开链接' },
  { key: 'signedUp', label: '报名' },
  { key: 'confirmed', label: '确认参加' },
  { key: 'checkedIn', label: '签到' },
];

export const outcomeColumns = (first: Column): Column[] => [first, ...OUTCOME_COLUMNS];

/** The people steps as a share of the step before (deliveries count groups, so they get no rate). */
const RATE_OF: Partial<Record<keyof DeliveryOutcome, keyof DeliveryOutcome>> = {
  signedUp: 'opened',
  confirmed: 'signedUp',
  checkedIn: 'confirmed',
};
const stepRate = (t: DeliveryOutcome, key: keyof DeliveryOutcome) => {
  const of = RATE_OF[key];
  return of ? percent(t[key], t[of]) : '—';
};

/** The totals of a push as a chart and a table (used by 推送效果 and 群数据). */
export function outcomeTotals(title: string, t: DeliveryOutcome, note?: string): InsightsSectionProps {
  return {
    title,
    note,
    chart: {
      kind: 'steps',
      categories: OUTCOME_STEPS.map((s) => s.label),
      values: OUTCOME_STEPS.map((s) => t[s.key]),
      colors: OUTCOME_STEPS.map((s) => STEP_COLORS[s.key as keyof typeof STEP_COLORS]),
    },
    chartHeight: 250,
    columns: [
      { key: 'step', label: '环节', text: true },
      { key: 'count', label: '数量' },
      { key: 'rate', label: '较上一步' },
    ],
    rows: OUTCOME_STEPS.map((s) => ({ step: s.label, count: t[s.key], rate: stepRate(t, s.key) })),
  };
}

/** True when nothing was planned yet (a scheduled broadcast before its first send). */
export const broadcastIsQuiet = (d: BroadcastInsights) => d.totals.planned === 0;

/** The sections of 推送效果: totals, per channel, per group. */
export function broadcastSections(d: BroadcastInsights): InsightsSectionProps[] {
  const noLink = d.source === null ? '这条群发没有带链接，打开和报名无法统计' : undefined;
  const top = d.byGroup.slice(0, CHART_TOP);
  return [
    outcomeTotals('推送结果', d.totals, noLink),
    {
      title: '各渠道',
      chart: {
        kind: 'bars',
        categories: d.byChannel.map((c) => CHANNEL_LABELS[c.channel]),
        series: [
          { name: '送达', values: d.byChannel.map((c) => c.delivered) },
          { name: '失败', values: d.byChannel.map((c) => c.failed), color: STEP_COLORS.failed },
          { name: '报名', values: d.byChannel.map((c) => c.signedUp), color: STEP_COLORS.signedUp },
        ],
      },
      chartHeight: 180,
      columns: outcomeColumns({ key: 'name', label: '渠道', text: true }),
      rows: d.byChannel.map((c) => ({ ...c, name: CHANNEL_LABELS[c.channel] })),
    },
    {
      title: '各群',
      note: d.byGroup.length > CHART_TOP ? `图中为前 ${CHART_TOP} 个群，表中为全部 ${d.byGroup.length} 个` : undefined,
      chart: top.length
        ? {
            kind: 'rows',
            categories: top.map((g) => g.topic),
            series: [
              { name: '送达', values: top.map((g) => g.delivered) },
              { name: '打开', values: top.map((g) => g.opened), color: STEP_COLORS.opened },
              { name: '报名', values: top.map((g) => g.signedUp), color: STEP_COLORS.signedUp },
            ],
          }
        : undefined,
      chartHeight: rowsHeight(top.length, 3),
      columns: outcomeColumns({ key: 'name', label: '群', text: true }),
      rows: d.byGroup.map((g) => ({ ...g, name: g.topic })),
      emptyText: '没有接收群',
    },
  ];
}
