import { View } from '@tarojs/components';
import { audienceLabel, regionName, topicLabel } from '../lib/format';
import type { Facets } from '../lib/types';

/**
 * Region, topic and audience tags of a policy, program or event, by their Chinese names: soft fills without
 * borders (styles/tags.scss), regions in the brand colour, topics neutral, audiences quieter still.
 */
export function FacetTags({ regions, topics, audiences }: Partial<Facets>) {
  return (
    <View className="tags">
      {(regions ?? []).map((r) => (
        <View key={`r${r}`} className="tag tag--brand">
          {regionName(r)}
        </View>
      ))}
      {(topics ?? []).map((t) => (
        <View key={`t${t}`} className="tag tag--neutral">
          {topicLabel(t)}
        </View>
      ))}
      {(audiences ?? []).map((a) => (
        <View key={`a${a}`} className="tag tag--quiet">
          {audienceLabel(a)}
        </View>
      ))}
    </View>
  );
}
