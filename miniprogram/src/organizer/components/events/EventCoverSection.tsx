import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ApiError, request, uploadFile } from '../../../lib/api';
import { CoverImage } from '../../../components/browse/CoverImage';
import { ActionButton } from '../../../components/ActionButton';
import type { OrgEvent } from '../../types';
import { toast } from '../nav';

/** Taro.chooseImage rejects with "…cancel" when the organizer closes the picker: not an error to show. */
const cancelled = (e: unknown) => /cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? e));

/**
 * 封面图片: pick a picture (album or camera in WeChat, a file on H5) and upload it at once; the api crops it to
 * the event page's 16:9 box. Needs the event saved first, since the picture belongs to it.
 */
export function EventCoverSection({ event, onChange }: { event: OrgEvent | null; onChange: (e: OrgEvent) => void }) {
  const [busy, setBusy] = useState<'upload' | 'remove' | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function pick() {
    if (!event) return;
    setError(null);
    let path: string | undefined;
    try {
      // H5: the file picker itself (a phone's offers the camera too); two sources would first open Taro's own
      // 拍摄/从相册选择 sheet, after which the browser no longer counts the tap as the one opening the picker.
      const sourceType: ('album' | 'camera')[] = process.env.TARO_ENV === 'h5' ? ['album'] : ['album', 'camera'];
      const chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType });
      path = chosen.tempFilePaths[0];
    } catch (e) {
      if (!cancelled(e)) setError('无法打开相册，请重试');
      return;
    }
    if (!path) return;
    setBusy('upload');
    try {
      onChange(await uploadFile<OrgEvent>(`/events/${event.id}/cover`, path));
      toast('封面已更新');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '上传失败，请稍后重试');
    } finally {
      setBusy(null);
    }
  }

  async function remove() {
    if (!event) return;
    setError(null);
    setBusy('remove');
    try {
      onChange(await request<OrgEvent>('DELETE', `/events/${event.id}/cover`));
      toast('封面已移除');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '移除失败，请稍后重试');
    } finally {
      setBusy(null);
    }
  }

  const editable = event && event.status !== 'cancelled';
  return (
    <View className="section event-cover">
      <View className="section__title">封面图片</View>
      {event?.coverUrl ? (
        <CoverImage url={event.coverUrl} title={event.title} className="event-cover__preview" />
      ) : (
        <View className="muted">
          {event ? '可选：JPG、PNG 或 WebP，不超过 8 MB，将裁剪为 16:9 显示在活动页顶部' : '保存草稿后可上传封面图片'}
        </View>
      )}
      {error ? (
        <View className="field-error event-cover__error" role="alert">
          {error}
        </View>
      ) : null}
      {editable ? (
        <View className="org-actions event-cover__actions">
          <ActionButton
            size="small"
            fill="outline"
            loading={busy === 'upload'}
            disabled={busy !== null}
            onClick={() => void pick()}
          >
            {event.coverUrl ? '更换封面' : '上传封面'}
          </ActionButton>
          {event.coverUrl ? (
            <ActionButton
              size="small"
              fill="none"
              loading={busy === 'remove'}
              disabled={busy !== null}
              onClick={() => void remove()}
            >
              移除封面
            </ActionButton>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
