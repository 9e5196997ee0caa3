import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './browse.scss';

/** A "label: value" line of a detail page (时间, 地点, 文号 …). */
export function InfoRow({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <View className={`info-row ${className ?? ''}`}>
      <Text className="info-row__label">{label}</Text>
      <View className="info-row__value">{children}</View>
    </View>
  );
}

/** Numbered lines (申报条件, 支持内容); a dash when there are none. */
export function NumberedList({ items, className }: { items: string[]; className?: string }) {
  if (items.length === 0) return <View className="muted">暂无</View>;
  return (
    <View className={`numbered-list ${className ?? ''}`}>
      {items.map((text, i) => (
        <View key={i} className="numbered-list__item">
          {i + 1}. {text}
        </View>
      ))}
    </View>
  );
}

/** Long plain text (policy body, event description) with its line breaks kept. */
export function Prose({ text, className }: { text: string; className?: string }) {
  return <View className={`prose ${className ?? ''}`}>{text}</View>;
}
