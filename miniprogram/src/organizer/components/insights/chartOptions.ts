import type { ChartOption } from './echarts';

/** One named row of figures, one value per category. */
export interface ChartSeries {
  name: string;
  values: number[];
  /** Its colour when it has a meaning (失败 red); otherwise the next of CHART_COLORS. */
  color?: string;
}

const colorOf = (s: ChartSeries) => (s.color ? { itemStyle: { color: s.color }, lineStyle: { color: s.color } } : {});

/**
 * What a chart shows, independent of the chart library:
 * - `steps`: a funnel read top to bottom, one horizontal bar per step with its count;
 * - `bars`: grouped columns, one category per channel (few, short names);
 * - `rows`: grouped horizontal bars, one row per group, so long group names stay readable on a phone;
 * - `line`: values over days (categories are `YYYY-MM-DD`, shown as `M/D`).
 */
export type ChartSpec =
  | { kind: 'steps'; categories: string[]; values: number[]; colors?: string[] }
  | { kind: 'bars'; categories: string[]; series: ChartSeries[] }
  | { kind: 'rows'; categories: string[]; series: ChartSeries[] }
  | { kind: 'line'; categories: string[]; series: ChartSeries[] };

/** The app's blue first, then colours that stay apart for colour-blind readers. */
export const CHART_COLORS = ['#1f5eff', '#f5a623', '#17a673', '#8e44ad', '#e74c3c', '#7f8c8d'];

const AXIS_LABEL = { color: '#666', fontSize: 11 };
const SPLIT_LINE = { lineStyle: { color: '#eee' } };

/** Long group names would squeeze the bars to nothing: the axis shows the first few characters. */
export function shortLabel(text: string, max = 6): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const dayLabel = (day: string) => {
  const [, m, d] = day.split('-');
  return `${Number(m)}/${Number(d)}`;
};

/** Drawn at once, without the entry animation: the screens are read, and a half-drawn chart helps nobody. */
const BASE = { animation: false, color: CHART_COLORS, textStyle: { fontFamily: 'sans-serif' } };

function steps(categories: string[], values: number[], colors: string[] = CHART_COLORS): ChartOption {
  return {
    ...BASE,
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL, splitLine: SPLIT_LINE },
    yAxis: {
      type: 'category',
      inverse: true,
      data: categories,
      axisTick: { show: false },
      axisLabel: { ...AXIS_LABEL, fontSize: 12 },
    },
    series: [
      {
        type: 'bar',
        data: values.map((value, i) => ({ value, itemStyle: { color: colors[i % colors.length] } })),
        barMaxWidth: 22,
        label: { show: true, position: 'right', color: '#333', fontSize: 12 },
      },
    ],
  };
}

function grouped(kind: 'bar' | 'line', categories: string[], series: ChartSeries[]): ChartOption {
  const isLine = kind === 'line';
  return {
    ...BASE,
    legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11, color: '#555' } },
    grid: { left: 8, right: 12, top: 30, bottom: 4, containLabel: true },
    xAxis: {
      type: 'category',
      data: isLine ? categories.map(dayLabel) : categories.map((c) => shortLabel(c)),
      boundaryGap: !isLine,
      axisLabel: { ...AXIS_LABEL, hideOverlap: true, interval: isLine ? 'auto' : 0 },
      axisTick: { show: false },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL, splitLine: SPLIT_LINE },
    series: series.map((s) =>
      isLine
        ? { type: 'line', name: s.name, data: s.values, showSymbol: categories.length <= 14, symbolSize: 5, ...colorOf(s) }
        : { type: 'bar', name: s.name, data: s.values, barMaxWidth: 14, ...colorOf(s) },
    ),
  };
}

function rows(categories: string[], series: ChartSeries[]): ChartOption {
  return {
    ...BASE,
    legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11, color: '#555' } },
    grid: { left: 8, right: 28, top: 28, bottom: 4, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL, splitLine: SPLIT_LINE },
    yAxis: {
      type: 'category',
      inverse: true,
      data: categories.map((c) => shortLabel(c, 9)),
      axisTick: { show: false },
      axisLabel: { ...AXIS_LABEL, interval: 0 },
    },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.values,
      barMaxWidth: 10,
      ...colorOf(s),
      label: { show: true, position: 'right', color: '#555', fontSize: 10 },
    })),
  };
}

/** A chart tall enough for its rows: a legend line plus about 16 px per bar. */
export function rowsHeight(groups: number, seriesCount: number): number {
  return Math.max(140, 44 + groups * (seriesCount * 12 + 14));
}

/** The ECharts option for a spec. */
export function chartOption(spec: ChartSpec): ChartOption {
  if (spec.kind === 'steps') return steps(spec.categories, spec.values, spec.colors);
  if (spec.kind === 'rows') return rows(spec.categories, spec.series);
  return grouped(spec.kind === 'bars' ? 'bar' : 'line', spec.categories, spec.series);
}
