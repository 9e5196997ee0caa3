export default definePageConfig({ navigationBarTitleText: '推送效果' });
