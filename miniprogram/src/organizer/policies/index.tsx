import { View } from '@tarojs/components';
import { PAGES } from '../../lib/routes';
import { OrganizerGate } from '../components/OrganizerGate';
import { ContentList, dateOrDash } from '../components/content/ContentList';
import type { OrgPolicy } from '../types';

export default function PoliciesPage() {
  return (
    <View className="org-page">
      <OrganizerGate>
        <ContentList<OrgPolicy>
          segment="policies"
          noun="政策"
          editPath={PAGES.orgPolicyEdit}
          title={(p) => p.title}
          meta={(p) => [p.docNo, dateOrDash('发布日期', p.publishedAt)].filter(Boolean).join(' · ')}
        />
      </OrganizerGate>
    </View>
  );
}
