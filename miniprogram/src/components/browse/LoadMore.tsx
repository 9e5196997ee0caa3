import { View } from '@tarojs/components';
import { ActionButton } from '../ActionButton';
import './browse.scss';

interface Props {
  hasMore: boolean;
  loading: boolean;
  /** How many items are shown; "没有更多了" only makes sense under a non-empty list. */
  count: number;
  onLoad: () => void;
}

/** The foot of a paged list: a "加载更多" button (also triggered by reaching the bottom) or the end mark. */
export function LoadMore({ hasMore, loading, count, onLoad }: Props) {
  if (hasMore) {
    return (
      <View className="load-more">
        <ActionButton className="load-more__button" size="small" fill="outline" loading={loading} onClick={onLoad}>
          加载更多
        </ActionButton>
      </View>
    );
  }
  return count > 0 ? <View className="load-more muted">没有更多了</View> : null;
}
