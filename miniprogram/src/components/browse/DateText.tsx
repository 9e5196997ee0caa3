import { Text } from '@tarojs/components';
import { splitDates } from '../../lib/browse/dateText';
import './browse.scss';

/** Text with formatted times in it, each time kept on one line (see lib/browse/dateText.ts). */
export function DateText({ text, className }: { text: string; className?: string }) {
  return (
    <Text className={`date-text ${className ?? ''}`}>
      {splitDates(text).map((p, i) =>
        p.date ? (
          <Text key={i} className="date-text__date">
            {p.text}
          </Text>
        ) : (
          p.text
        ),
      )}
    </Text>
  );
}
