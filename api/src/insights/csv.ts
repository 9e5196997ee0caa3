import { stringify } from 'csv-stringify/sync';
import {
  formatShanghaiSortable,
  type BroadcastInsights,
  type DeliveryOutcome,
  type EventInsights,
  type Funnel,
  type GroupInsights,
} from '@techbridge/shared';
import { escapeCell } from '../routes/registrations/export.js';

/**
 * The insights as CSV: the same figures as the JSON, one table per section (a title row, a header row,
 * the rows, a blank line), times in Shanghai. Group and broadcast names are user text: every cell goes
 * through the export's formula-injection guard.
 */

const CHANNEL_LABELS: Record<string, string> = { wechat: '微信群（机器人）', wecom: '企业微信群（群机器人）' };
const FUNNEL_HEADER = ['推送送达', '打开链接', '报名', '已确认', '已签到'];
const funnelCells = (f: Funnel) => [f.pushed, f.opened, f.signedUp, f.confirmed, f.checkedIn];
const OUTCOME_HEADER = ['计划发送', '已送达', '发送失败', '待发送', '已跳过', '打开链接', '报名', '已确认', '已签到'];
const outcomeCells = (o: DeliveryOutcome) => [
  o.planned,
  o.delivered,
  o.failed,
  o.waiting,
  o.skipped,
  o.opened,
  o.signedUp,
  o.confirmed,
  o.checkedIn,
];

type Cell = string | number;
/** Sections of rows, separated by a blank line; every cell escaped. */
function render(sections: Cell[][][]): string {
  const rows = sections.flatMap((s, i) => [...(i > 0 ? [[]] : []), ...s]);
  return stringify(rows.map((r) => r.map((c) => escapeCell(String(c)))));
}

const heading = (title: string, generatedAt: string): Cell[][] => [
  [title],
  ['生成时间（北京时间）', formatShanghaiSortable(generatedAt)],
];

export function eventInsightsCsv(x: EventInsights): string {
  return render([
    heading(`活动推送效果：${x.title}`, x.generatedAt),
    [
      ['范围', '渠道', ...FUNNEL_HEADER],
      ['合计（经推送链接）', '', ...funnelCells(x.totals)],
      ...x.byChannel.map((c) => ['按渠道', CHANNEL_LABELS[c.channel]!, ...funnelCells(c)]),
    ],
    [
      ['全部报名（含非推送来源）', '报名', '已确认', '已签到'],
      ['', x.allRegistrations.signedUp, x.allRegistrations.confirmed, x.allRegistrations.checkedIn],
    ],
    [['群', '渠道', ...FUNNEL_HEADER], ...x.byGroup.map((g) => [g.topic, CHANNEL_LABELS[g.channel]!, ...funnelCells(g)])],
    [['日期（北京时间）', '报名', '其中经推送链接'], ...x.signupsOverTime.map((d) => [d.date, d.signedUp, d.tracked])],
  ]);
}

export function broadcastInsightsCsv(x: BroadcastInsights): string {
  return render([
    heading(`群发效果：${x.title}`, x.generatedAt),
    [
      ['范围', '渠道', ...OUTCOME_HEADER],
      ['合计', '', ...outcomeCells(x.totals)],
      ...x.byChannel.map((c) => ['按渠道', CHANNEL_LABELS[c.channel]!, ...outcomeCells(c)]),
    ],
    [['群', '渠道', ...OUTCOME_HEADER], ...x.byGroup.map((g) => [g.topic, CHANNEL_LABELS[g.channel]!, ...outcomeCells(g)])],
  ]);
}

export function groupInsightsCsv(x: GroupInsights): string {
  return render([
    heading(`群近 ${x.days} 天推送效果：${x.topic}（${CHANNEL_LABELS[x.channel]}）`, x.generatedAt),
    [
      ['群发', '最近送达（北京时间）', ...OUTCOME_HEADER],
      ['合计', '', ...outcomeCells(x.totals)],
      ...x.broadcasts.map((b) => [b.title, b.lastSentAt ? formatShanghaiSortable(b.lastSentAt) : '', ...outcomeCells(b)]),
    ],
    [['日期（北京时间）', '送达', '打开链接', '报名'], ...x.overTime.map((d) => [d.date, d.delivered, d.opened, d.signedUp])],
  ]);
}
