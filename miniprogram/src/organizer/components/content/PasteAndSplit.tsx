import { useState } from 'react';
import { View } from '@tarojs/components';
import { api, ApiError } from '../../../lib/api';
import { ActionButton } from '../../../components/ActionButton';
import { TextAreaField } from '../Field';
import type { SplitItem, SplitReply } from '../../types';

/**
 * Step one of a new policy or program: paste an announcement, or a whole news page that the splitter cuts into
 * items; pick the item to work on. Its proposed facets come with it.
 */
export function PasteAndSplit({ onPick }: { onPick: (item: SplitItem) => void }) {
  const [text, setText] = useState('');
  const [items, setItems] = useState<SplitItem[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function split() {
    setBusy(true);
    setError(undefined);
    try {
      const res = await api.post<SplitReply>('/policies/split', { text });
      if (res.items.length === 1) onPick(res.items[0]!);
      else setItems(res.items);
    } catch (e) {
      setError(e instanceof ApiError ? (e.fields[0]?.message ?? e.message) : '识别失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="section">
      <View className="section__title">粘贴公告或新闻</View>
      <TextAreaField
        label="公告全文"
        value={text}
        onChange={setText}
        maxlength={100000}
        rows={6}
        placeholder="粘贴标题和正文；整版新闻会被拆成多条"
        hint="识别后可逐项修改地区、主题和对象"
        error={error}
      />
      <View className="org-footer">
        <ActionButton loading={busy} disabled={busy} onClick={() => void split()}>
          识别
        </ActionButton>
      </View>
      {items ? (
        <View aria-label="拆分结果">
          <View className="muted">共拆出 {items.length} 条，请选择要录入的一条：</View>
          {items.map((item, i) => (
            <View key={i} className="org-row">
              <View className="card__title">{item.title}</View>
              <View className="card__meta">
                地区：{item.tags.regions.map((r) => r.label).join('、') || '未识别'} · 主题：
                {item.tags.topics.map((t) => t.label).join('、') || '未识别'}
              </View>
              <View className="org-row__actions">
                <ActionButton size="small" onClick={() => onPick(item)}>
                  录入这一条
                </ActionButton>
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
