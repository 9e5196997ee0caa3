import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Chart } from './Chart';
import type { ChartSpec } from './chartOptions';
import { FigureTable, type Column, type Row } from './FigureTable';

export interface InsightsSectionProps {
  title: string;
  /** One line under the title: what is counted. */
  note?: ReactNode;
  chart?: ChartSpec;
  chartHeight?: number;
  columns: Column[];
  rows: Row[];
  emptyText?: string;
}

/** A titled block: the chart, and beside (under, on a phone) it the table with the same figures. */
export function InsightsSection({ title, note, chart, chartHeight, columns, rows, emptyText }: InsightsSectionProps) {
  return (
    <View className="section insights-section">
      <View className="section__title" role="heading" aria-level={2}>
        {title}
      </View>
      {note ? <View className="muted insights-section__note">{note}</View> : null}
      {chart ? <Chart spec={chart} label={`${title}图表`} height={chartHeight} /> : null}
      <FigureTable caption={title} columns={columns} rows={rows} emptyText={emptyText} />
    </View>
  );
}
