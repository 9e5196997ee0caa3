import { View } from '@tarojs/components';

export interface Column {
  key: string;
  label: string;
  /** Text columns (names, dates) are left-aligned and may wrap; figures are right-aligned. */
  text?: boolean;
}

export type Row = Record<string, string | number>;

interface Props {
  /** The table's accessible name, e.g. `各群数据`. */
  caption: string;
  columns: Column[];
  rows: Row[];
  /** Shown instead of an empty body. */
  emptyText?: string;
}

/**
 * The figures of a chart as a table: the exact numbers (the chart is for the shape), readable by screen
 * readers, and the same columns the CSV export has. Built from Views with table roles, since the
 * mini-program has no <table>.
 */
export function FigureTable({ caption, columns, rows, emptyText = '暂无数据' }: Props) {
  return (
    <View className="insights-table" role="table" aria-label={caption}>
      <View className="insights-table__row insights-table__row--head" role="row">
        {columns.map((c) => (
          <View key={c.key} role="columnheader" className={cellClass(c)}>
            {c.label}
          </View>
        ))}
      </View>
      {rows.length === 0 ? (
        <View className="insights-table__empty muted">{emptyText}</View>
      ) : (
        rows.map((row, i) => (
          <View key={i} className="insights-table__row" role="row">
            {columns.map((c) => (
              <View key={c.key} role="cell" className={cellClass(c)}>
                {row[c.key] ?? '—'}
              </View>
            ))}
          </View>
        ))
      )}
    </View>
  );
}

const cellClass = (c: Column) => `insights-table__cell${c.text ? ' insights-table__cell--text' : ''}`;
