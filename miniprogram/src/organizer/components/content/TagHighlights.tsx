import { Text, View } from '@tarojs/components';
import type { TagResult } from '../../types';

interface Props {
  text: string;
  tags: TagResult;
  /** How much of the text to show: the highlights matter, not the whole document. */
  maxChars?: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text cut into plain and highlighted runs: every occurrence of a word that triggered a facet. */
export function highlightRuns(text: string, words: readonly string[]): { text: string; hit: boolean }[] {
  const unique = [...new Set(words.filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  if (unique.length === 0) return [{ text, hit: false }];
  const re = new RegExp(`(${unique.map(escape).join('|')})`, 'gi');
  return text
    .split(re)
    .filter((part) => part.length > 0)
    .map((part) => ({ text: part, hit: unique.some((w) => w.toLowerCase() === part.toLowerCase()) }));
}

const FACET_NAMES = { regions: '地区', topics: '主题', audiences: '对象' } as const;

/** What tagging proposed, by name, with the words that triggered each value highlighted in the text. */
export function TagHighlights({ text, tags, maxChars = 600 }: Props) {
  const words = [...tags.regions, ...tags.topics, ...tags.audiences].flatMap((f) => f.hits);
  const shown = text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
  return (
    <View className="org-subcard" aria-label="识别依据">
      {(Object.keys(FACET_NAMES) as (keyof typeof FACET_NAMES)[]).map((k) => (
        <View key={k} className="card__meta">
          {FACET_NAMES[k]}建议：
          {tags[k].length === 0 ? '（未识别）' : tags[k].map((f) => `${f.label}（${f.hits.join('、')}）`).join('；')}
        </View>
      ))}
      <View className="org-highlight">
        {highlightRuns(shown, words).map((run, i) =>
          run.hit ? (
            <Text key={i} className="org-mark">
              {run.text}
            </Text>
          ) : (
            <Text key={i}>{run.text}</Text>
          ),
        )}
      </View>
    </View>
  );
}
