import { View } from '@tarojs/components';

export default function Stub() {
  return <View>TODO</View>;
}
