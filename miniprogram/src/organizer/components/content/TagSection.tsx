import { useState } from 'react';
import { View } from '@tarojs/components';
import { api, ApiError } from '../../../lib/api';
import { ActionButton } from '../../../components/ActionButton';
import { FacetPicker } from '../FacetPicker';
import { TagHighlights } from './TagHighlights';
import type { TagResult } from '../../types';

interface Facets {
  regions: string[];
  topics: string[];
  audiences: string[];
}

interface Props {
  /** What tagging reads: the title (or name), the text, the issuer. */
  source: { title: string; body: string; issuer: string };
  tags: TagResult | null;
  onTags: (tags: TagResult) => void;
  value: Facets;
  onChange: (facets: Facets) => void;
  errors: Record<string, string>;
}

/**
 * 地区 / 主题 / 对象: the proposal (with its trigger words highlighted in the text), and the labelled choices
 * the organizer corrects it with. 重新识别 proposes again from the current title, text and issuer.
 */
export function TagSection({ source, tags, onTags, value, onChange, errors }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function retag() {
    setBusy(true);
    setError(null);
    try {
      const result = await api.post<TagResult>('/policies/tag', {
        title: source.title.trim() || '（无标题）',
        body: source.body,
        ...(source.issuer.trim() ? { issuer: source.issuer.trim() } : {}),
      });
      onTags(result);
      onChange({
        regions: result.regions.map((f) => f.id),
        topics: result.topics.map((f) => f.id),
        audiences: result.audiences.map((f) => f.id),
      });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '识别失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="section">
      <View className="section__title">
        <View>地区、主题与对象</View>
        <ActionButton size="small" fill="outline" loading={busy} disabled={busy} onClick={() => void retag()}>
          重新识别
        </ActionButton>
      </View>
      {error ? <View className="field-error">{error}</View> : null}
      {tags ? <TagHighlights text={`${source.title}\n${source.body}`} tags={tags} /> : null}
      <FacetPicker
        kind="regions"
        value={value.regions}
        onChange={(v) => onChange({ ...value, regions: v })}
        error={errors.regions}
      />
      <FacetPicker kind="topics" value={value.topics} onChange={(v) => onChange({ ...value, topics: v })} error={errors.topics} />
      <FacetPicker
        kind="audiences"
        value={value.audiences}
        onChange={(v) => onChange({ ...value, audiences: v })}
        error={errors.audiences}
      />
    </View>
  );
}
