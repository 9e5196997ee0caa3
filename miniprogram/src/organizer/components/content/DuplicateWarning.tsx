import { View } from '@tarojs/components';
import { ActionButton } from '../../../components/ActionButton';
import { contentStatusLabel } from '../../labels';
import type { DuplicateHit } from '../../types';

interface Props {
  hits: DuplicateHit[];
  busy: boolean;
  onSaveAnyway: () => void;
  onCancel: () => void;
}

/** Shown instead of saving when the same item seems to exist already: what it is and why it looks the same. */
export function DuplicateWarning({ hits, busy, onSaveAnyway, onCancel }: Props) {
  return (
    <View className="section" aria-label="可能重复">
      <View className="org-warning" role="alert">
        可能重复：已有 {hits.length} 条相同内容，请确认不是重复录入。
      </View>
      {hits.map((h) => (
        <View key={h.id} className="org-row org-row--near">
          <View className="card__title">{h.title}</View>
          <View className="card__meta">
            {h.reason}
            {h.docNo ? ` · 文号 ${h.docNo}` : ''} · {contentStatusLabel(h.status)}
          </View>
        </View>
      ))}
      <View className="org-footer">
        <ActionButton fill="outline" disabled={busy} onClick={onCancel}>
          返回修改
        </ActionButton>
        <ActionButton loading={busy} disabled={busy} onClick={onSaveAnyway}>
          仍然保存
        </ActionButton>
      </View>
    </View>
  );
}
