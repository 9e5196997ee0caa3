export default definePageConfig({ navigationBarTitleText: '群组管理' });
