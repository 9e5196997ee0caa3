import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import QRCode from 'qrcode';
import './me/ticket.scss';

interface Props {
  code: string;
}

/**
 * The SVG as an image source. H5 takes the url-encoded SVG. The WeChat image component is stricter about
 * data URIs, so weapp gets base64; qrcode's SVG is plain ASCII, so char codes are the UTF-8 bytes.
 */
function svgDataUri(svg: string): string {
  if (process.env.TARO_ENV !== 'weapp') return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  const bytes = new Uint8Array(svg.length);
  for (let i = 0; i < svg.length; i++) bytes[i] = svg.charCodeAt(i) & 0xff;
  return `data:image/svg+xml;base64,${Taro.arrayBufferToBase64(bytes.buffer)}`;
}

/** A ticket's QR code (what the organizer's check-in scanner reads) with the code in text below it. */
export function TicketQr({ code }: Props) {
  const [src, setSrc] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    QRCode.toString(code, { type: 'svg', margin: 1 })
      .then((svg) => {
        if (live) setSrc(svgDataUri(svg));
      })
      .catch(() => {
        if (live) setSrc(null);
      });
    return () => {
      live = false;
    };
  }, [code]);

  return (
    <View className="ticket-qr">
      {src ? <Image className="ticket-qr__image" src={src} nativeProps={{ alt: `入场二维码 ${code}` }} /> : null}
      <View className="ticket-qr__code">{`票码 ${code}`}</View>
    </View>
  );
}
