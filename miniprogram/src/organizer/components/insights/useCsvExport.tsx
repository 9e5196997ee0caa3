import { useState } from 'react';
import { View } from '@tarojs/components';
import { ApiError } from '../../../lib/api';
import { ActionButton } from '../../../components/ActionButton';
import { downloadCsv } from '../downloadCsv';

/** 导出 CSV: the same figures as the screen, from the api's `/insights.csv`; says how it went under the header. */
export function useCsvExport(path: string, fileName: string) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  async function run() {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ text: await downloadCsv(path, fileName), error: false });
    } catch (e) {
      setMessage({ text: e instanceof ApiError ? e.message : '导出失败，请稍后重试', error: true });
    } finally {
      setBusy(false);
    }
  }

  const button = (
    <ActionButton size="small" fill="outline" loading={busy} onClick={() => void run()}>
      导出 CSV
    </ActionButton>
  );
  const banner = message ? (
    <View className={message.error ? 'org-banner' : 'org-notice'} role={message.error ? 'alert' : 'status'}>
      {message.text}
    </View>
  ) : null;
  return { button, banner };
}
