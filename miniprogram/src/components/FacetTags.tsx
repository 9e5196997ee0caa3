import { View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { audienceLabel, regionName, topicLabel } from '../lib/format';
import type { Facets } from '../lib/types';

/** Region, topic and audience tags of a policy, program or event, by their Chinese names. */
export function FacetTags({ regions, topics, audiences }: Partial<Facets>) {
  return (
    <View className="tags">
      {(regions ?? []).map((r) => (
        <Tag key={`r${r}`} type="primary" plain>
          {regionName(r)}
        </Tag>
      ))}
      {(topics ?? []).map((t) => (
        <Tag key={`t${t}`} type="success" plain>
          {topicLabel(t)}
        </Tag>
      ))}
      {(audiences ?? []).map((a) => (
        <Tag key={`a${a}`} type="default" plain>
          {audienceLabel(a)}
        </Tag>
      ))}
    </View>
  );
}
