import { View } from '@tarojs/components';
import { useLoad } from '../../../lib/useLoad';
import { PageState } from '../../../components/PageState';
import { ChoiceChips, toggle } from '../../../components/ChoiceChips';
import { Field } from '../Field';
import { loadAllGroups } from '../groups/loadGroups';

interface Props {
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}

/** Pick the groups a broadcast goes to, by name; groups the bot has left are listed but marked. */
export function GroupPicker({ value, onChange, error }: Props) {
  const groups = useLoad(loadAllGroups);
  return (
    <Field label="选择群" hint={value.length ? `已选 ${value.length} 个群` : undefined} error={error}>
      <PageState {...groups} onRetry={groups.reload} isEmpty={(g) => g.length === 0} emptyText="还没有登记的群">
        {(list) => (
          <View>
            <ChoiceChips
              label="选择群"
              multiple
              choices={list.map((g) => ({ value: g.id, label: g.status === 'active' ? g.topic : `${g.topic}（不可发送）` }))}
              value={value}
              onChange={(id) => onChange(toggle(value, id))}
            />
          </View>
        )}
      </PageState>
    </Field>
  );
}
