import { View } from '@tarojs/components';
import './organizer.scss';

/** The form-level message (a failed save) above the buttons; announced as an alert. */
export function FormBanner({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <View className="org-banner" role="alert">
      {message}
    </View>
  );
}
