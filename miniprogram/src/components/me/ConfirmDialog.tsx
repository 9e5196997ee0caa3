import { View } from '@tarojs/components';
import { Dialog } from '@nutui/nutui-react-taro';
import { ActionButton } from '../ActionButton';

interface Props {
  visible: boolean;
  title: string;
  content: string;
  confirmText?: string;
  cancelText?: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A NutUI confirm dialog whose footer buttons are ActionButtons (real, named buttons on H5 too). */
export function ConfirmDialog({
  visible,
  title,
  content,
  confirmText = '确定',
  cancelText = '再想想',
  busy,
  onConfirm,
  onCancel,
}: Props) {
  return (
    <Dialog
      visible={visible}
      title={title}
      content={content}
      closeOnOverlayClick={!busy}
      onCancel={onCancel}
      onClose={onCancel}
      footer={
        <View className="confirm-dialog__footer">
          <ActionButton type="default" disabled={busy} onClick={onCancel}>
            {cancelText}
          </ActionButton>
          <ActionButton loading={busy} onClick={onConfirm}>
            {confirmText}
          </ActionButton>
        </View>
      }
    />
  );
}
