import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { api } from '../../../lib/api';
import { formatTime } from '../../../lib/format';
import { useLoad } from '../../../lib/useLoad';
import { PageState } from '../../../components/PageState';
import { ActionButton } from '../../../components/ActionButton';
import { PageHeader } from '../PageHeader';
import { InsightsSection, type InsightsSectionProps } from './InsightsSection';
import { useCsvExport } from './useCsvExport';
import './insights.scss';

interface Props<T> {
  title: string;
  /** The api resource, e.g. `/events/<id>/insights`; its CSV is the same path plus `.csv`. */
  path: string;
  csvName: string;
  /** The subject's name under the title (event or broadcast title, group name). */
  subject: (data: T) => string;
  sections: (data: T) => InsightsSectionProps[];
  /** When this says the subject has no figures yet, the guide is shown instead of empty charts. */
  isQuiet: (data: T) => boolean;
  guide: ReactNode;
}

/** One insights screen: header with 刷新 and 导出 CSV, then each section's chart and table. */
export function InsightsScreen<T extends { generatedAt: string }>(props: Props<T>) {
  const data = useLoad(() => api.get<T>(props.path), [props.path]);
  const csv = useCsvExport(`${props.path}.csv`, props.csvName);
  const d = data.data;
  return (
    <>
      <PageHeader title={props.title} sub={d ? props.subject(d) : undefined}>
        <ActionButton size="small" fill="outline" loading={data.loading && !!d} onClick={data.reload}>
          刷新
        </ActionButton>
        {csv.button}
      </PageHeader>
      {csv.banner}
      <PageState {...data} onRetry={data.reload}>
        {(loaded) =>
          props.isQuiet(loaded) ? (
            <View className="section insights-guide" role="status">
              {props.guide}
            </View>
          ) : (
            <>
              {props.sections(loaded).map((s) => (
                <InsightsSection key={s.title} {...s} />
              ))}
              <View className="muted insights-generated">统计时间：{formatTime(loaded.generatedAt)}</View>
            </>
          )
        }
      </PageState>
    </>
  );
}
