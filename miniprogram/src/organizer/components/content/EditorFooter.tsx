import { View } from '@tarojs/components';
import { ActionButton } from '../../../components/ActionButton';
import { FormBanner } from '../FormBanner';
import { DuplicateWarning } from './DuplicateWarning';
import { PublishReview } from './PublishReview';
import type { useContentEditor } from './useContentEditor';

interface Props {
  editor: ReturnType<typeof useContentEditor<{ id: string; status: 'draft' | 'published' | 'archived' }>>;
  /** Saves (after the local checks) as a draft, or to publish. */
  onSave: (publish: boolean, dupChecked?: boolean) => void;
}

/** What ends a content form: the save buttons, or the duplicate warning, or the publish review. */
export function EditorFooter({ editor: ed, onSave }: Props) {
  const published = ed.saved?.status === 'published';
  if (ed.review) {
    return (
      <PublishReview
        preview={ed.review}
        busy={ed.busy !== null}
        onConfirm={() => void ed.confirmPublish()}
        onCancel={ed.cancelReview}
      />
    );
  }
  if (ed.dups) {
    const publish = ed.dups.publish;
    return (
      <DuplicateWarning
        hits={ed.dups.hits}
        busy={ed.busy !== null}
        onSaveAnyway={() => onSave(publish, true)}
        onCancel={ed.dismissDups}
      />
    );
  }
  return (
    <>
      <FormBanner message={ed.errors.message} />
      {ed.notice ? (
        <View className="org-notice" role="status">
          {ed.notice}
        </View>
      ) : null}
      <View className="org-footer">
        <ActionButton fill="outline" loading={ed.busy === 'draft'} disabled={ed.busy !== null} onClick={() => onSave(false)}>
          {published ? '保存修改' : '保存草稿'}
        </ActionButton>
        {published ? null : (
          <ActionButton loading={ed.busy === 'publish'} disabled={ed.busy !== null} onClick={() => onSave(true)}>
            预览并发布
          </ActionButton>
        )}
      </View>
    </>
  );
}
