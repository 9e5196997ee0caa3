import Taro from '@tarojs/taro';
import { ApiError, apiUrl } from '../../lib/api';
import { readSession } from '../../lib/session';

/**
 * Downloads a CSV the api serves at `path` (under /api/v1). Exports need the organizer's token, so they cannot
 * be a plain link: H5 fetches with the header and saves the blob through a temporary `<a download>`; weapp
 * downloads with the header and offers the file to forward to a chat (WeChat cannot open a .csv itself),
 * falling back to openDocument where forwarding is not available. Resolves with what to tell the user.
 */
export async function downloadCsv(path: string, fileName: string): Promise<string> {
  const token = readSession()?.token;
  const url = apiUrl(path);
  const header: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (process.env.TARO_ENV === 'h5') return downloadOnH5(url, fileName, header);

  const res = await Taro.downloadFile({ url, header });
  if (res.statusCode !== 200) throw new ApiError(res.statusCode, 'download_failed', `导出失败（${res.statusCode}）`);
  try {
    await Taro.shareFileMessage({ filePath: res.tempFilePath, fileName });
    return '已发送到聊天，可在电脑端微信打开';
  } catch (e) {
    if (/cancel/i.test((e as { errMsg?: string })?.errMsg ?? '')) return '已取消发送';
  }
  try {
    await Taro.openDocument({ filePath: res.tempFilePath, showMenu: true });
    return '已打开导出文件';
  } catch {
    throw new ApiError(0, 'open_failed', '当前微信版本无法发送或打开 CSV 文件，请在电脑端（H5）导出');
  }
}

async function downloadOnH5(url: string, fileName: string, header: Record<string, string>): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { headers: header });
  } catch {
    throw new ApiError(0, 'network', '网络异常，请检查网络后重试');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new ApiError(res.status, 'download_failed', body?.error?.message ?? `导出失败（${res.status}）`);
  }
  const objectUrl = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = objectUrl;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
  return '已开始下载';
}
