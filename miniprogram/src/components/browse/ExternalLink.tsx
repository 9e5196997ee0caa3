import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';

interface Props {
  url: string;
  children: ReactNode;
  className?: string;
  /** A file to download (the .ics calendar) rather than a page to open in a new tab. */
  download?: boolean;
}

/**
 * A link out of the app. H5 gets a real <a>; a mini-program cannot open outside web pages, so on weapp the
 * link is copied for the user to paste into a browser (or the calendar app).
 */
export function ExternalLink({ url, children, className = 'link', download = false }: Props) {
  if (process.env.TARO_ENV === 'h5') {
    const target = download ? { download: '' } : { target: '_blank', rel: 'noopener noreferrer' };
    return (
      <a className={className} href={url} {...target}>
        {children}
      </a>
    );
  }
  const copy = () => {
    void Taro.setClipboardData({ data: url }).then(() => Taro.showToast({ title: '链接已复制', icon: 'none' }));
  };
  return (
    <Text className={className} onClick={copy}>
      {children}
    </Text>
  );
}

/** The 查看原文 block of a policy or program; on weapp it says that tapping copies the link. */
export function SourceLink({ url, className }: { url: string; className?: string }) {
  return (
    <View className={`section source-link ${className ?? ''}`}>
      <ExternalLink url={url} className="link source-link__link">
        查看原文
      </ExternalLink>
      {process.env.TARO_ENV === 'h5' ? null : <View className="muted detail__note">点击复制链接，在浏览器中打开</View>}
    </View>
  );
}
