import { useState, type ReactNode } from 'react';
import { View } from '@tarojs/components';
import { ActionButton } from '../../../components/ActionButton';
import { CONTENT_STATUS_LABELS } from '../../labels';
import type { ContentStatus, SplitItem, TagResult } from '../../types';
import { EditorFooter } from './EditorFooter';
import { PasteAndSplit } from './PasteAndSplit';
import { TagSection } from './TagSection';
import { useContentEditor } from './useContentEditor';

interface Facets {
  regions: string[];
  topics: string[];
  audiences: string[];
}

type StringKeys<D> = { [K in keyof D]: D[K] extends string ? K : never }[keyof D];

/**
 * The state a policy or program form shares: the draft, whether it is still at the paste step, the proposed
 * tags, the local checks merged over the server's errors, and saving (local checks first, then the editor).
 */
export function useContentForm<D extends Facets, T extends { id: string; status: ContentStatus }>(opts: {
  segment: 'policies' | 'programs';
  initial: T | null;
  listPath: string;
  fields: readonly string[];
  empty: D;
  draftFrom: (saved: T) => D;
  check: (draft: D) => Record<string, string>;
  body: (draft: D) => Record<string, unknown>;
  dupQuery: (draft: D) => Record<string, unknown>;
}) {
  const [draft, setDraft] = useState<D>(() => (opts.initial ? opts.draftFrom(opts.initial) : opts.empty));
  const [pasting, setPasting] = useState(!opts.initial);
  const [tags, setTags] = useState<TagResult | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const editor = useContentEditor<T>(opts);
  const errors = { ...editor.errors.fields, ...local };

  function save(publish: boolean, dupChecked = false) {
    const found = opts.check(draft);
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    void editor.save(opts.body(draft), opts.dupQuery(draft), publish, dupChecked);
  }

  return {
    draft,
    setDraft,
    pasting,
    tags,
    setTags,
    editor,
    errors,
    save,
    skip: () => setPasting(false),
    /** Leaves the paste step with the picked item's draft and its proposed tags. */
    picked: (next: D, itemTags: TagResult) => {
      setDraft(next);
      setTags(itemTags);
      setPasting(false);
    },
    /** value, onChange and error of one text field of the draft. */
    field: <K extends StringKeys<D>>(key: K) => ({
      value: draft[key] as string,
      onChange: (v: string) => setDraft((d) => ({ ...d, [key]: v })),
      error: errors[key as string],
    }),
  };
}

interface Props<D extends Facets> {
  form: ReturnType<typeof useContentForm<D, { id: string; status: ContentStatus }>>;
  onPick: (item: SplitItem) => void;
  /** What tagging reads: the title (or name), the text, the issuer. */
  tagSource: { title: string; body: string; issuer: string };
  /** The 基本信息 fields, the part each kind of content has its own. */
  children: ReactNode;
}

/** A content form around its own fields: the paste step (or skip it), the status line, the tags and the footer. */
export function ContentForm<D extends Facets>({ form, onPick, tagSource, children }: Props<D>) {
  const { draft, editor: ed } = form;
  if (form.pasting) {
    return (
      <View>
        <PasteAndSplit onPick={onPick} />
        <View className="org-footer">
          <ActionButton fill="none" onClick={form.skip}>
            跳过，直接填写
          </ActionButton>
        </View>
      </View>
    );
  }

  return (
    <View>
      {ed.saved ? <View className="muted org-form__status">当前状态：{CONTENT_STATUS_LABELS[ed.saved.status]}</View> : null}
      <View className="section">
        <View className="section__title">基本信息</View>
        {children}
      </View>
      <TagSection
        source={tagSource}
        tags={form.tags}
        onTags={form.setTags}
        value={{ regions: draft.regions, topics: draft.topics, audiences: draft.audiences }}
        onChange={(f) => form.setDraft((d) => ({ ...d, ...f }))}
        errors={form.errors}
      />
      <EditorFooter editor={ed} onSave={form.save} />
    </View>
  );
}
