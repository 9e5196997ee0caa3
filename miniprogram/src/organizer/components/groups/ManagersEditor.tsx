import { View } from '@tarojs/components';
import type { GroupManager } from '../../types';
import { Field, TextField } from '../Field';
import { ActionButton } from '../../../components/ActionButton';

interface Props {
  managers: GroupManager[];
  onChange: (managers: GroupManager[]) => void;
  /** Field errors keyed like the api's (`managers.0.contactId`). */
  errors: Record<string, string>;
}

/** Group managers may change the group's settings by chatting with the bot; identified by WeChat contact id. */
export function ManagersEditor({ managers, onChange, errors }: Props) {
  const update = (i: number, patch: Partial<GroupManager>) =>
    onChange(managers.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
    <View className="section">
      <View className="section__title">管理员</View>
      <Field label="群管理员" hint="管理员可在群里通过机器人指令调整本群的推送设置" error={errors.managers}>
        {managers.map((m, i) => (
          <View key={i} className="org-subcard">
            <TextField
              label={`管理员 ${i + 1} 微信号`}
              value={m.contactId}
              onChange={(contactId) => update(i, { contactId })}
              placeholder="机器人看到的联系人 ID"
              maxlength={100}
              error={errors[`managers.${i}.contactId`]}
            />
            <TextField
              label={`管理员 ${i + 1} 称呼`}
              value={m.name}
              onChange={(name) => update(i, { name })}
              maxlength={100}
              error={errors[`managers.${i}.name`]}
            />
            <View className="org-actions">
              <ActionButton
                size="small"
                type="danger"
                fill="outline"
                onClick={() => onChange(managers.filter((_, j) => j !== i))}
              >
                删除管理员 {i + 1}
              </ActionButton>
            </View>
          </View>
        ))}
        <View className="org-actions">
          <ActionButton
            size="small"
            fill="outline"
            disabled={managers.length >= 50}
            onClick={() => onChange([...managers, { contactId: '', name: '' }])}
          >
            添加管理员
          </ActionButton>
        </View>
      </Field>
    </View>
  );
}
