import { View } from '@tarojs/components';
import { Empty } from '@nutui/nutui-react-taro';
import { ActionButton } from '../ActionButton';
import { go } from '../../lib/routes';
import './browse.scss';

interface Props {
  /** e.g. 政策不存在或已下线 */
  title: string;
  /** The list page to go to instead, and its button text. */
  backTo: string;
  backLabel: string;
}

/** A detail page whose id the api does not know (404) or that a truncated link mangled. */
export function NotFound({ title, backTo, backLabel }: Props) {
  return (
    <View className="browse-not-found" role="alert">
      {/* Our own image: NutUI's default is fetched from a CDN, which the H5 content policy (img-src 'self') blocks. */}
      <Empty
        status="empty"
        image={<View className="browse-not-found__icon">?</View>}
        title={title}
        description="链接可能已失效，或内容已下线"
      />
      <ActionButton type="primary" size="small" onClick={() => go(backTo)}>
        {backLabel}
      </ActionButton>
    </View>
  );
}
