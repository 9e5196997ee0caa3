import { View } from '@tarojs/components';

/** A tappable row leading to another page (a link to assistive tech). */
export function LinkRow({ text, onClick }: { text: string; onClick: () => void }) {
  return (
    <View className="link-row" role="link" aria-label={text} onClick={onClick}>
      <View className="link-row__text">{text}</View>
      <View className="link-row__arrow" aria-hidden="true">
        ›
      </View>
    </View>
  );
}
