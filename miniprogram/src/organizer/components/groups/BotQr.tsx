import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image } from '@tarojs/components';
import QRCode from 'qrcode';

/** H5 takes a url-encoded SVG; WeChat's image component wants base64 (qrcode's SVG is plain ASCII). */
function svgDataUri(svg: string): string {
  if (process.env.TARO_ENV !== 'weapp') return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  const bytes = new Uint8Array(svg.length);
  for (let i = 0; i < svg.length; i++) bytes[i] = svg.charCodeAt(i) & 0xff;
  return `data:image/svg+xml;base64,${Taro.arrayBufferToBase64(bytes.buffer)}`;
}

/** The bot's WeChat login QR code, for an organizer to scan with the bot's phone. */
export function BotQr({ payload }: { payload: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(payload, { type: 'svg', margin: 1 })
      .then((svg) => live && setSrc(svgDataUri(svg)))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [payload]);
  return src ? <Image className="org-bot__qr" src={src} mode="aspectFit" ariaLabel="机器人登录二维码" /> : null;
}
