import { View } from '@tarojs/components';
import { PAGES } from '../../lib/routes';
import { OrganizerGate } from '../components/OrganizerGate';
import { ContentList, dateOrDash } from '../components/content/ContentList';
import type { OrgProgram } from '../types';

export default function ProgramsPage() {
  return (
    <View className="org-page">
      <OrganizerGate>
        <ContentList<OrgProgram>
          segment="programs"
          noun="支持计划"
          editPath={PAGES.orgProgramEdit}
          title={(p) => (p.code ? `${p.name}（${p.code}）` : p.name)}
          meta={(p) => dateOrDash('申报截止', p.applicationClosesAt)}
        />
      </OrganizerGate>
    </View>
  );
}
