import { View } from '@tarojs/components';
import { PageState } from '../../components/PageState';
import { FacetTags } from '../../components/FacetTags';
import { SourceLink } from '../../components/browse/ExternalLink';
import { InfoRow, Prose } from '../../components/browse/InfoRow';
import { NotFound } from '../../components/browse/NotFound';
import { getOrNull } from '../../lib/browse/getOrNull';
import { useDetailParams } from '../../lib/browse/params';
import { useRecordOpen } from '../../lib/recordOpen';
import { formatDate } from '../../lib/browse/time';
import { useNavTitle } from '../../lib/browse/useNavTitle';
import { PAGES } from '../../lib/routes';
import type { Policy } from '../../lib/types';
import { useLoad } from '../../lib/useLoad';

export default function PolicyDetail() {
  const { id, t } = useDetailParams();
  useRecordOpen('policy', id, t);
  // null = no such policy; PageState only sees undefined (still loading) or an error.
  const policy = useLoad(() => getOrNull<Policy>('/policies', id), [id]);
  useNavTitle(policy.data?.title);

  return (
    <View className="policy-detail">
      <PageState {...policy} onRetry={policy.reload}>
        {(p) =>
          p === null ? (
            <NotFound title="政策不存在或已下线" backTo={PAGES.policyList} backLabel="查看全部政策" />
          ) : (
            <>
              <View className="section">
                <View className="detail__title">{p.title}</View>
                {p.docNo ? <InfoRow label="文号">{p.docNo}</InfoRow> : null}
                <InfoRow label="发布机构">{p.issuer ?? '—'}</InfoRow>
                <InfoRow label="发布日期">{formatDate(p.publishedAt)}</InfoRow>
                <FacetTags regions={p.regions} topics={p.topics} audiences={p.audiences} />
              </View>
              {p.summary ? (
                <View className="section">
                  <View className="section__title">摘要</View>
                  <Prose text={p.summary} className="policy-detail__summary" />
                </View>
              ) : null}
              {p.body ? (
                <View className="section">
                  <View className="section__title">正文</View>
                  <Prose text={p.body} className="policy-detail__body" />
                </View>
              ) : null}
              {p.sourceUrl ? <SourceLink url={p.sourceUrl} /> : null}
            </>
          )
        }
      </PageState>
    </View>
  );
}
