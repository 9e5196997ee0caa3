export default definePageConfig({ navigationBarTitleText: '群数据' });
