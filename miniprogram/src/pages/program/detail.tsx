import { View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { PageState } from '../../components/PageState';
import { FacetTags } from '../../components/FacetTags';
import { SourceLink } from '../../components/browse/ExternalLink';
import { InfoRow, NumberedList, Prose } from '../../components/browse/InfoRow';
import { NotFound } from '../../components/browse/NotFound';
import { getOrNull } from '../../lib/browse/getOrNull';
import { useDetailParams } from '../../lib/browse/params';
import { useRecordOpen } from '../../lib/recordOpen';
import { WINDOW_TAG } from '../../lib/browse/programWindow';
import { formatWindow, windowState } from '../../lib/browse/time';
import { useNavTitle } from '../../lib/browse/useNavTitle';
import { useNow } from '../../lib/browse/useNow';
import { formatTime } from '../../lib/format';
import { PAGES } from '../../lib/routes';
import type { Program } from '../../lib/types';
import { useLoad } from '../../lib/useLoad';

export default function ProgramDetail() {
  const { id, t } = useDetailParams();
  useRecordOpen('program', id, t);
  const program = useLoad(() => getOrNull<Program>('/programs', id), [id]);
  const now = useNow();
  useNavTitle(program.data?.name);

  return (
    <View className="program-detail">
      <PageState {...program} onRetry={program.reload}>
        {(p) => {
          if (p === null) return <NotFound title="项目不存在或已下线" backTo={PAGES.programList} backLabel="查看全部项目" />;
          const w = windowState(p.applicationOpensAt, p.applicationClosesAt, now);
          return (
            <>
              <View className="section">
                <View className="detail__title">{p.name}</View>
                {p.code ? <InfoRow label="计划代号">{p.code}</InfoRow> : null}
                {p.issuer ? <InfoRow label="发布机构">{p.issuer}</InfoRow> : null}
                <FacetTags regions={p.regions} topics={p.topics} audiences={p.audiences} />
                {p.summary ? <Prose text={p.summary} className="detail__note program-detail__summary" /> : null}
              </View>

              <View className="section program-detail__window">
                <View className="section__title">申报时间</View>
                <InfoRow label="时间">{formatWindow(p.applicationOpensAt, p.applicationClosesAt)}</InfoRow>
                <InfoRow label="状态">
                  <Tag type={WINDOW_TAG[w.state]} className="program-detail__countdown">
                    {w.text}
                  </Tag>
                </InfoRow>
                {w.state === 'upcoming' ? (
                  <View className="muted detail__note">将于 {formatTime(p.applicationOpensAt)} 开始申报</View>
                ) : null}
              </View>

              <View className="section program-detail__eligibility">
                <View className="section__title">申报条件</View>
                <NumberedList items={p.eligibility} />
              </View>

              <View className="section program-detail__benefits">
                <View className="section__title">支持内容</View>
                <NumberedList items={p.benefits} />
              </View>

              {p.sourceUrl ? <SourceLink url={p.sourceUrl} /> : null}
            </>
          );
        }}
      </PageState>
    </View>
  );
}
