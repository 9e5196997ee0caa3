import { View } from '@tarojs/components';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { Field, TextField, ToggleField } from '../Field';
import { ActionButton } from '../../../components/ActionButton';
import { nextQuestionId, type QuestionDraft } from './eventForm';

const TYPES = [
  { value: 'text', label: '填空' },
  { value: 'choice', label: '单选' },
] as const;

interface Props {
  questions: QuestionDraft[];
  onChange: (questions: QuestionDraft[]) => void;
  /** Field errors keyed like the api's (`registration.questions.0.label`). */
  errors: Record<string, string>;
}

/**
 * Extra sign-up questions. Ids are generated (q1, q2, …) and kept when a question is edited, so answers
 * already given stay attached to their question. Every control is named after its question number.
 */
export function QuestionsEditor({ questions, onChange, errors }: Props) {
  const update = (i: number, patch: Partial<QuestionDraft>) =>
    onChange(questions.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  const add = () =>
    onChange([...questions, { id: nextQuestionId(questions), label: '', type: 'text', options: '', required: false }]);
  const remove = (i: number) => onChange(questions.filter((_, j) => j !== i));

  return (
    <Field label="报名问题" hint="报名时额外填写的问题，最多 20 个" error={errors['registration.questions']}>
      {questions.map((q, i) => {
        const name = `问题 ${i + 1}`;
        const err = (key: string) => errors[`registration.questions.${i}.${key}`];
        return (
          <View key={q.id} className="org-subcard">
            <TextField
              label={`${name} 内容`}
              value={q.label}
              onChange={(label) => update(i, { label })}
              placeholder="例如：项目所处阶段"
              error={err('label') ?? err('id')}
            />
            <Field label={`${name} 类型`}>
              <ChoiceChips
                label={`${name} 类型`}
                choices={TYPES}
                value={q.type}
                onChange={(type) => update(i, { type: type as QuestionDraft['type'] })}
              />
            </Field>
            {q.type === 'choice' ? (
              <TextField
                label={`${name} 选项`}
                value={q.options}
                onChange={(options) => update(i, { options })}
                placeholder="用逗号分隔，例如：种子期，天使轮，A 轮"
                maxlength={2000}
                error={err('options')}
              />
            ) : null}
            <ToggleField label={`${name} 必填`} checked={q.required} onChange={(required) => update(i, { required })} />
            <View className="org-actions">
              <ActionButton type="danger" fill="outline" size="small" onClick={() => remove(i)}>
                删除{name}
              </ActionButton>
            </View>
          </View>
        );
      })}
      <View className="org-actions">
        <ActionButton fill="outline" size="small" disabled={questions.length >= 20} onClick={add}>
          添加问题
        </ActionButton>
      </View>
    </Field>
  );
}
