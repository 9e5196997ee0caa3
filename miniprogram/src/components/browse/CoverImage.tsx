import { Image, View } from '@tarojs/components';
import { assetUrl } from '../../lib/api';
import './browse.scss';

/**
 * An event's cover (the api serves it as 750×422). The box keeps that 16:9 shape before the picture arrives,
 * so nothing below it jumps when it loads; the picture loads only once it scrolls near the screen.
 */
export function CoverImage({ url, title, className }: { url: string; title: string; className?: string }) {
  return (
    <View className={`cover-image ${className ?? ''}`}>
      <Image
        className="cover-image__img"
        src={assetUrl(url)}
        // The api stores covers at exactly this box's 16:9, so filling it distorts nothing (aspectFill's
        // centring transform would fight the box's own positioning).
        mode="scaleToFill"
        lazyLoad
        nativeProps={{ alt: `${title} 封面图`, decoding: 'async' }}
      />
    </View>
  );
}
