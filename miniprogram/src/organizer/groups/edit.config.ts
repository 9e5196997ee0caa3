export default definePageConfig({ navigationBarTitleText: '群组设置' });
