import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { statusTone, type StatusTone } from '../lib/statusTone';

interface Props {
  /** The api's status value (`pending_approval`, `open`, `sent` …): it picks the colour. */
  status: string | null | undefined;
  /** The Chinese label shown. */
  children: ReactNode;
  /** Overrides the colour the status would get (a label that is not a status, such as 企业微信). */
  tone?: StatusTone;
  className?: string;
}

/**
 * A status as a coloured pill, the same colour for the same meaning on every page (lib/statusTone.ts): 报名中
 * green, 候补 amber, 待审核 blue, 已取消 grey. Styles in styles/tags.scss.
 */
export function StatusTag({ status, children, tone, className }: Props) {
  const t = tone ?? statusTone(status);
  return (
    <View className={`tag status-tag status-tag--${t} ${className ?? ''}`} data-status={status ?? ''}>
      {children}
    </View>
  );
}
