import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Empty, Loading } from '@nutui/nutui-react-taro';
import './PageState.scss';

interface Props<T> {
  loading: boolean;
  error: string | null;
  data: T | undefined;
  /** True when the loaded data has nothing to show. */
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  onRetry?: () => void;
  children: (data: T) => ReactNode;
}

/**
 * The loading, error and empty states every page needs, in one place. Icons are local: NutUI's default
 * Empty pictures come from a CDN that the H5 content policy (and an offline phone) would block.
 */
export function PageState<T>({ loading, error, data, isEmpty, emptyText = '暂无内容', onRetry, children }: Props<T>) {
  if (error) {
    return (
      <View className="page-state page-state--error" role="alert">
        <Empty status="error" image={<Text className="page-state__icon">⚠️</Text>} title="加载失败" description={error} />
        {onRetry ? (
          <Button type="primary" size="small" onClick={onRetry}>
            重试
          </Button>
        ) : null}
      </View>
    );
  }
  if (data === undefined) {
    return (
      <View className="page-state page-state--loading" aria-busy={loading}>
        <Loading type="circular">加载中…</Loading>
      </View>
    );
  }
  if (isEmpty?.(data)) {
    return (
      <View className="page-state page-state--empty">
        <Empty status="empty" image={<Text className="page-state__icon">📭</Text>} title={emptyText} />
      </View>
    );
  }
  return <>{children(data)}</>;
}
